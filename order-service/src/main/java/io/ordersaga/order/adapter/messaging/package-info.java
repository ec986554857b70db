/** One Kafka listener per consumed topic, each handing its events through the inbox to the application service. */
package io.ordersaga.order.adapter.messaging;
