package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ReservationStatus;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentReservationIT extends AbstractInventoryIT {

    private static final int UNITS = 30;
    private static final int ORDERS = 60;

    @Test
    void sixtyConcurrentOrdersForThirtyUnitsReserveExactlyThirtyAndOversellNothing() {
        String sku = newProduct("HOT", "9.99", UNITS);
        List<UUID> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();

        // Distinct keys spread the orders over every partition, so all listener threads compete for the SKU.
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            CompletableFuture.allOf(orderIds.stream()
                    .map(id -> CompletableFuture.runAsync(() -> kafka.send(placed(id, new OrderLine(sku, 1))), senders))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }

        Set<String> keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
        EnvelopeCodec codec = new EnvelopeCodec();
        List<SagaEvent> outcomes = await().atMost(TIMEOUT).until(() -> kafka.records(Topics.INVENTORY_EVENTS).stream()
                        .filter(record -> keys.contains(record.key()))
                        .map(record -> codec.read(record.value().getBytes(StandardCharsets.UTF_8),
                                EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)))
                        .map(EventEnvelope::data).toList(),
                events -> events.size() >= ORDERS);

        assertThat(outcomes).hasSize(ORDERS);
        Map<Class<?>, Long> byType = outcomes.stream()
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(byType).containsOnly(Map.entry(InventoryReserved.class, (long) UNITS),
                Map.entry(InventoryReservationFailed.class, (long) (ORDERS - UNITS)));
        assertThat(outcomes).filteredOn(InventoryReservationFailed.class::isInstance)
                .map(InventoryReservationFailed.class::cast)
                .allSatisfy(failed -> {
                    assertThat(failed.reason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
                    assertThat(failed.skus()).containsExactly(sku);
                });
        assertThat(outcomes.stream().map(SagaEvent::orderId).distinct()).hasSize(ORDERS);

        Product product = product(sku);
        assertThat(product.available()).isZero();
        assertThat(product.reserved()).isEqualTo(UNITS);
        assertThat(product.shipped()).isZero();
        assertThat(product.initialStock() + product.restocked())
                .isEqualTo(product.available() + product.reserved() + product.shipped());
        Map<ReservationStatus, Long> statuses = reservations.findAllById(orderIds).stream()
                .collect(Collectors.groupingBy(r -> r.status(), Collectors.counting()));
        assertThat(statuses).containsOnly(Map.entry(ReservationStatus.RESERVED, (long) UNITS),
                Map.entry(ReservationStatus.REJECTED, (long) (ORDERS - UNITS)));
        assertThat(deadLetterCount(orderIds)).isZero();
    }

    private static long deadLetterCount(List<UUID> orderIds) {
        Set<String> keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return kafka.records(Topics.deadLetter(Topics.ORDER_EVENTS, GROUP)).stream()
                .filter(record -> keys.contains(record.key())).count();
    }
}
