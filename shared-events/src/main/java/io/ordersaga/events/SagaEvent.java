package io.ordersaga.events;

import java.util.UUID;

/** An integration event that belongs to one order's saga. Its {@link #orderId()} is the Kafka record key. */
public interface SagaEvent {

    UUID orderId();
}
