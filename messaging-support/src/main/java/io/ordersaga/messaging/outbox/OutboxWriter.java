package io.ordersaga.messaging.outbox;

import java.util.List;

/** Where {@link OutboxEventPublisher} puts a transaction's events, and whom it tells once they committed. */
public interface OutboxWriter {

    /** Writes {@code events}, in this order, inside the current transaction, just before it commits. */
    void write(List<OutboxEvent> events);

    /** Called after the transaction that wrote events committed. */
    default void committed() {
    }
}
