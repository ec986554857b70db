package io.ordersaga.order.adapter.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.application.CancellationService;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SagaDeadlineIT extends IntegrationTestSupport {

    private static final Duration PAST_THE_DEADLINE = Duration.ofHours(1);

    @Autowired CancellationService cancellations;
    @Autowired SagaDeadlineSweeper sweeper;
    @Autowired Clock clock;

    @Test
    void anOrderStillRunningPastItsDeadlineIsCancelledTimedOutInItsOwnSaga() {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        awaitStatus(order.orderId(), OrderStatus.INVENTORY_RESERVED);

        backdate(order.orderId(), PAST_THE_DEADLINE);

        Order cancelled = awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
        List<EventEnvelope<OrderCancelled>> events = sent(order.orderId(), OrderCancelled.class);
        assertThat(events).extracting(EventEnvelope::data)
                .containsExactly(new OrderCancelled(order.orderId(), order.customerId(), CancellationReason.TIMED_OUT));
        assertThat(events.get(0).metadata().correlationId()).isEqualTo(order.correlationId());
    }

    @Test
    void anOrderWithinItsDeadlineAndAnEndedOrderAreLeftAlone() {
        Order running = placeOrder();
        Order completed = placeOrder();
        kafka.send(inventoryReserved(completed));
        kafka.send(paymentCompleted(completed));
        kafka.send(shipmentScheduled(completed));
        awaitStatus(completed.orderId(), OrderStatus.COMPLETED);
        backdate(completed.orderId(), PAST_THE_DEADLINE);

        sweeper.sweep();

        assertThat(repository.findById(running.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(repository.findById(completed.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(published(running.orderId(), OrderCancelled.class)).isZero();
        assertThat(published(completed.orderId(), OrderCancelled.class)).isZero();
    }

    @Test
    void aPaymentArrivingAfterTheDeadlineDoesNotBringTheOrderBack() {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        awaitStatus(order.orderId(), OrderStatus.INVENTORY_RESERVED);
        backdate(order.orderId(), PAST_THE_DEADLINE);
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        EventEnvelope<SagaEvent> late = kafka.send(paymentCompleted(order));
        awaitHandled(late);

        Order cancelled = repository.findById(order.orderId()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
    }

    @Test
    void sweepersOfSeveralInstancesCancelEachOverdueOrderExactlyOnce() throws Exception {
        List<Order> overdue = IntStream.range(0, 24).mapToObj(i -> placeOrder()).toList();
        Instant cutoff = clock.instant().plusSeconds(1);
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<List<UUID>>> swept = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                swept.add(pool.submit(() -> {
                    start.await();
                    List<UUID> cancelled = new ArrayList<>();
                    List<UUID> batch;
                    do {
                        batch = cancellations.cancelOverdue(cutoff, 3);
                        cancelled.addAll(batch);
                    } while (!batch.isEmpty());
                    return cancelled;
                }));
            }
            // Every order in the database placed before the cutoff is overdue for these sweepers: ours, and whatever
            // earlier tests left running. Backdating ours as well lets the background sweeper compete for them too.
            overdue.forEach(order -> backdate(order.orderId(), PAST_THE_DEADLINE));
            start.countDown();
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> instance : swept) {
                all.addAll(instance.get());
            }

            Set<UUID> distinct = new HashSet<>(all);
            assertThat(distinct).as("no order was cancelled by two sweepers").hasSameSizeAs(all);
        } finally {
            pool.shutdownNow();
        }
        for (Order order : overdue) {
            // The background sweeper may still be committing the last orders it took.
            Order cancelled = awaitStatus(order.orderId(), OrderStatus.CANCELLED);
            assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
            assertThat(published(order.orderId(), OrderCancelled.class)).as("OrderCancelled of %s", order.orderId())
                    .isEqualTo(1);
        }
    }
}
