/** One Kafka listener per consumed topic; each hands its events through the inbox to the reservation service. */
package io.ordersaga.inventory.adapter.messaging;
