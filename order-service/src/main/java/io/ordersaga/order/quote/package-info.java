/** Quotes: prices and availability asked of inventory-service by request/reply over Kafka. */
package io.ordersaga.order.quote;
