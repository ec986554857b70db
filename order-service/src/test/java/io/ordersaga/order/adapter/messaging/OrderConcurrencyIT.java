package io.ordersaga.order.adapter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderConcurrencyIT extends IntegrationTestSupport {

    private static final int ORDERS = 12;

    @Test
    void theThreeEventsOfAnOrderSentAtOnceEndCompletedWithExactlyOneOrderCompleted() throws Exception {
        List<Order> placed = IntStream.range(0, ORDERS).mapToObj(i -> placeOrder()).toList();

        // Each order's InventoryReserved, PaymentCompleted and ShipmentScheduled go out together on their three
        // topics, so three listener threads handle them concurrently and in no particular order.
        List<EventEnvelope<SagaEvent>> sent = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            for (Order order : placed) {
                CountDownLatch start = new CountDownLatch(1);
                List<Supplier<SagaEvent>> events = List.of(() -> inventoryReserved(order),
                        () -> paymentCompleted(order), () -> shipmentScheduled(order));
                List<CompletableFuture<EventEnvelope<SagaEvent>>> sends = events.stream()
                        .map(event -> CompletableFuture.supplyAsync(() -> {
                            awaitQuietly(start);
                            return kafka.send(event.get());
                        }, senders))
                        .toList();
                start.countDown();
                for (CompletableFuture<EventEnvelope<SagaEvent>> send : sends) {
                    sent.add(send.get());
                }
            }
        } finally {
            senders.shutdownNow();
        }

        sent.forEach(this::awaitHandled);
        for (Order order : placed) {
            Order completed = awaitStatus(order.orderId(), OrderStatus.COMPLETED);
            assertThat(completed.totalAmount()).isEqualByComparingTo(TOTAL);
            assertThat(completed.isPriced()).isTrue();
            assertThat(sent(order.orderId(), OrderCompleted.class)).as("OrderCompleted of %s", order.orderId())
                    .extracting(EventEnvelope::data)
                    .containsExactly(new OrderCompleted(order.orderId(), order.customerId(), TOTAL, "EUR"));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
