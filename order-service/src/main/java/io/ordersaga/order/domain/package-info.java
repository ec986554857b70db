/** The order aggregate and its state machine; no web, Kafka or messaging types. */
package io.ordersaga.order.domain;
