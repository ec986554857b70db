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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the saga's outcomes from the events order-service announces them with, so no use case has to remember to:
 * wraps the outbox publisher and, once the transaction that published OrderPlaced, OrderCompleted or OrderCancelled
 * commits, records it in {@link SagaMetrics}. A rolled-back transaction counts nothing.
 *
 * <p>The end of each saga is also the one INFO line an order leaves (its per-event lines are DEBUG):
 * {@code Saga ended: outcome=CANCELLED reason=PAYMENT_DECLINED duration=41ms orderId=… correlationId=…}, without
 * {@code reason} for a COMPLETED order.
 *
 * <p>A saga's duration is the order's own record of it, from {@code createdAt} to the {@code updatedAt} of the
 * transition being announced. The order is the one the transaction holds, so reading it costs no query.
 */
public class SagaMetricsPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(SagaMetricsPublisher.class);

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
            Order order = endingOrder(completed.orderId());
            Duration saga = sagaDuration(order);
            afterCommit(() -> {
                metrics.completed(saga);
                log.info("Saga ended: outcome=COMPLETED duration={}ms orderId={} correlationId={}",
                        saga.toMillis(), order.orderId(), order.correlationId());
            });
        } else if (event instanceof OrderCancelled cancelled) {
            Order order = endingOrder(cancelled.orderId());
            Duration saga = sagaDuration(order);
            afterCommit(() -> {
                metrics.cancelled(cancelled.reason(), saga);
                log.info("Saga ended: outcome=CANCELLED reason={} duration={}ms orderId={} correlationId={}",
                        cancelled.reason(), saga.toMillis(), order.orderId(), order.correlationId());
            });
        }
    }

    private Order endingOrder(UUID orderId) {
        return orders.findById(orderId)
                .orElseThrow(() -> new IllegalStateException("Announcing the end of unknown order " + orderId));
    }

    private static Duration sagaDuration(Order order) {
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
