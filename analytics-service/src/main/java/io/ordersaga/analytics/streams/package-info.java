/** The Kafka Streams topology: what it reads, the stores it keeps, the topics it writes, and its serdes. */
package io.ordersaga.analytics.streams;
