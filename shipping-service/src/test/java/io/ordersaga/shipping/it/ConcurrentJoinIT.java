package io.ordersaga.shipping.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Events of the same orders on order.events and payment.events, sent at the same moment from two threads, are
 * handled by different listener threads at the same time. The join row lock must keep every order consistent.
 */
class ConcurrentJoinIT extends ShippingIntegrationTest {

    private static final int ORDERS = 30;

    /**
     * For a new order the race is over creating the join row: the second {@code INSERT … ON CONFLICT} waits for the
     * first transaction, whose fact it then sees.
     */
    @Test
    void shipsEveryOrderExactlyOnceWhenBothFactsArriveTogether() throws Exception {
        List<UUID> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();

        List<EventEnvelope<SagaEvent>> sent = sendConcurrently(orderIds, orderId -> placed(orderId, "DE"),
                ShippingIntegrationTest::paid);
        awaitHandled(sent.toArray(EventEnvelope[]::new));
        awaitOutboxDrained(orderIds.toArray(UUID[]::new));

        Integer shipments = jdbc.queryForObject("SELECT count(*) FROM shipment WHERE order_id = ANY (?)",
                Integer.class, (Object) orderIds.toArray(UUID[]::new));
        assertThat(shipments).isEqualTo(ORDERS);
        Map<String, List<ConsumerRecord<String, String>>> events = shippingRecords(orderIds).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        Set<String> keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
        assertThat(events).hasSize(ORDERS);
        assertThat(events.values()).allSatisfy(perOrder -> assertThat(perOrder).singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"eventType\":\"ShipmentScheduled\"")));
        for (String dlt : List.of(Topics.deadLetter(Topics.ORDER_EVENTS, GROUP),
                Topics.deadLetter(Topics.PAYMENT_EVENTS, GROUP))) {
            assertThat(kafka.records(dlt)).noneMatch(record -> keys.contains(record.key()));
        }
    }

    /**
     * The race the row lock exists for once the join row is there: a cancellation and the payment at once. Unlocked,
     * the payment could ship while the cancellation, not seeing the uncommitted shipment, only marked the row, and
     * its whole-row update then erased the payment: a cancelled order with a SCHEDULED shipment.
     */
    @Test
    void neverLeavesACancelledOrderWithAnActiveShipmentWhenPaymentAndCancellationRace() throws Exception {
        List<UUID> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
        awaitHandled(orderIds.stream().map(orderId -> kafka.send(placed(orderId, "DE"))).toArray(EventEnvelope[]::new));

        List<EventEnvelope<SagaEvent>> sent = sendConcurrently(orderIds, ShippingIntegrationTest::paid,
                ShippingIntegrationTest::cancelled);
        awaitHandled(sent.toArray(EventEnvelope[]::new));
        awaitOutboxDrained(orderIds.toArray(UUID[]::new));

        List<Map<String, Object>> joins = jdbc.queryForList("""
                SELECT o.order_id, o.payment_id, o.cancelled_at, o.shipment_id, s.status
                FROM shipping_order o LEFT JOIN shipment s ON s.order_id = o.order_id
                WHERE o.order_id = ANY (?)""", (Object) orderIds.toArray(UUID[]::new));
        assertThat(joins).hasSize(ORDERS).allSatisfy(join -> {
            assertThat(join.get("payment_id")).as("payment of %s", join.get("order_id")).isNotNull();
            assertThat(join.get("cancelled_at")).as("cancellation of %s", join.get("order_id")).isNotNull();
            assertThat(join.get("status")).as("shipment of %s", join.get("order_id")).isIn(null, "CANCELLED");
            assertThat(join.get("shipment_id") == null).isEqualTo(join.get("status") == null);
        });
        Map<String, Long> scheduledEvents = shippingRecords(orderIds).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        long shipped = joins.stream().filter(join -> join.get("status") != null).count();
        assertThat(scheduledEvents.values()).allMatch(count -> count == 1);
        assertThat(scheduledEvents).hasSize((int) shipped);
    }

    private static List<EventEnvelope<SagaEvent>> sendConcurrently(List<UUID> orderIds, Function<UUID, SagaEvent> first,
                                                                   Function<UUID, SagaEvent> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<EventEnvelope<SagaEvent>>> firsts =
                    CompletableFuture.supplyAsync(() -> sendAll(start, orderIds, first), senders);
            CompletableFuture<List<EventEnvelope<SagaEvent>>> seconds =
                    CompletableFuture.supplyAsync(() -> sendAll(start, orderIds, second), senders);
            start.countDown();
            List<EventEnvelope<SagaEvent>> sent = new ArrayList<>(firsts.get());
            sent.addAll(seconds.get());
            return sent;
        } finally {
            senders.shutdownNow();
        }
    }

    private static List<ConsumerRecord<String, String>> shippingRecords(List<UUID> orderIds) {
        Set<String> keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return kafka.records(Topics.SHIPPING_EVENTS).stream().filter(record -> keys.contains(record.key())).toList();
    }

    private static List<EventEnvelope<SagaEvent>> sendAll(CountDownLatch start, List<UUID> orderIds,
                                                          Function<UUID, SagaEvent> event) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return orderIds.stream().map(orderId -> kafka.send(event.apply(orderId))).toList();
    }
}
