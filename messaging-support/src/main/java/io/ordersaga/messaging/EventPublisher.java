package io.ordersaga.messaging;

import io.ordersaga.events.SagaEvent;

/**
 * Publishes integration events through the transactional outbox. Call it inside the transaction that makes the
 * state change: the event commits with it, and the relay sends it to the event's topic after commit.
 */
public interface EventPublisher {

    /**
     * Adds {@code event} to the outbox of the current transaction, keyed by its order id. The envelope's
     * correlation and causation ids come from the event or request being handled.
     *
     * @throws IllegalStateException when no transaction is active
     */
    void publish(SagaEvent event);
}
