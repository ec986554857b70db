/** Spring wiring: properties, the Kafka Streams configuration, topic declarations and scheduling. */
package io.ordersaga.analytics.config;
