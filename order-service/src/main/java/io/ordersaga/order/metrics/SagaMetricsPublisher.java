package io.ordersaga.order.metrics;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderRepository;
import java.time.Duration;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the saga's outcomes from the events order-service announces them with, so no use case has to remember to:
 * wraps the outbox publisher and, once the transaction that published OrderPlaced, OrderCompleted or OrderCancelled
 * commits, records it in {@link SagaMetrics}. A rolled-back transaction counts nothing.
 *
 * <p>A saga's duration is the order's own record of it, from {@code createdAt} to the {@code updatedAt} of the
 * transition being announced. The order is the one the transaction holds, so reading it costs no query.
 */
public class SagaMetricsPublisher implements EventPublisher {

    private final EventPublisher outbox;
    private final OrderRepository orders;
    private final SagaMetrics metrics;

    public SagaMetricsPublisher(EventPublisher outbox, OrderRepository orders, SagaMetrics metrics) {
        this.outbox = outbox;
        this.orders = orders;
        this.metrics = metrics;
    }

    @Override
    public void publish(SagaEvent event) {
        outbox.publish(event);
        if (event instanceof OrderPlaced) {
            afterCommit(metrics::placed);
        } else if (event instanceof OrderCompleted completed) {
            Duration saga = sagaDuration(completed.orderId());
            afterCommit(() -> metrics.completed(saga));
        } else if (event instanceof OrderCancelled cancelled) {
            Duration saga = sagaDuration(cancelled.orderId());
            afterCommit(() -> metrics.cancelled(cancelled.reason(), saga));
        }
    }

    private Duration sagaDuration(UUID orderId) {
        Order order = orders.findById(orderId)
                .orElseThrow(() -> new IllegalStateException("Announcing the end of unknown order " + orderId));
        return Duration.between(order.createdAt(), order.updatedAt());
    }

    /** The outbox has already refused to publish outside a transaction, so one is active here. */
    private static void afterCommit(Runnable record) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record.run();
            }
        });
    }
}
