/** One Kafka listener per consumed topic; each hands its events to the application service through the inbox. */
package io.ordersaga.shipping.adapter.messaging;
