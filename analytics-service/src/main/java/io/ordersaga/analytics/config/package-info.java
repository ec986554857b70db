/** Spring wiring: properties, the Kafka Streams configuration, topic declarations, scheduling and API access. */
package io.ordersaga.analytics.config;
