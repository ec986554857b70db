/** Interactive queries: answers read from this instance's Kafka Streams stores. */
package io.ordersaga.analytics.query;
