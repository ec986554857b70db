/** analytics-service: real-time saga analytics with Kafka Streams, interactive queries and a live dashboard. */
package io.ordersaga.analytics;
