/** One Kafka listener per consumed topic; each passes the events it cares about to PaymentService. */
package io.ordersaga.payment.adapter.messaging;
