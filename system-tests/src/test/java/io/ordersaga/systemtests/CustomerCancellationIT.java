package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.Topics;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * The customer cancels in each step of the saga, held there by stopping the service whose event would move the
 * order on, and the service catches up after the cancellation: the late reservation is released, the late payment
 * refused or refunded, no shipment stays scheduled. Then the race of a cancellation with a shipment.
 */
class CustomerCancellationIT extends SagaEdgeSupport {

    private static final Set<String> ROOTS = Set.of("OrderPlaced", "OrderCancelled");

    @Test
    void cancelledWhilePendingTheLateReservationIsReleasedAndNothingIsCharged() throws Exception {
        String sku = product("BOOK", "39.90", 5);
        String alice = account("alice", "100.00");
        RunningSuite.stop(Service.INVENTORY);
        UUID orderId = place(alice, List.of(new Line(sku, 2)), "DE");
        assertThat(waitingOn(orderId)).containsExactly("inventory-service InventoryReserved");

        JsonNode cancelled = cancelled(orderId);
        assertThat(cancelled.path("cancellationReason").asString()).isEqualTo("CUSTOMER_REQUESTED");
        RunningSuite.start(Service.INVENTORY);

        JsonNode timeline = awaitTimeline(orderId, "OrderPlaced", "OrderCancelled", "InventoryReserved",
                "InventoryReleased");
        awaitReservation(orderId, "RELEASED");
        awaitCaughtUp(Service.PAYMENT);
        invariantsHold();
        assertThat(saga.order(orderId).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(saga.product(sku).path("available").asInt()).isEqualTo(5);
        assertThat(saga.account(alice).path("balance").decimalValue()).isEqualByComparingTo("100.00");
        Timelines.assertCausal(saga.timeline(orderId), ROOTS);
        assertThat(Timelines.causeOf(timeline, "InventoryReleased")).isEqualTo("OrderCancelled");
    }

    @Test
    void cancelledWhileReservedTheLatePaymentIsRefusedOrRefundedForANetChargeOfZero() throws Exception {
        String sku = product("MUG", "12.50", 5);
        String bob = account("bob", "100.00");
        RunningSuite.stop(Service.PAYMENT);
        UUID orderId = place(bob, List.of(new Line(sku, 2)), "DE");
        awaitStatus(orderId, "INVENTORY_RESERVED");
        assertThat(waitingOn(orderId)).containsExactly("payment-service PaymentCompleted");

        cancelled(orderId);
        RunningSuite.start(Service.PAYMENT);

        awaitCaughtUp(Service.PAYMENT);
        invariantsHold();
        assertThat(saga.account(bob).path("balance").decimalValue()).isEqualByComparingTo("100.00");
        awaitReservation(orderId, "RELEASED");
        JsonNode timeline = saga.timeline(orderId);
        Timelines.assertCausal(timeline, ROOTS);
        assertThat(Timelines.types(timeline)).containsAnyOf("PaymentFailed", "PaymentRefunded");
    }

    @Test
    void cancelledWhilePaidTheChargeIsRefundedAndNoShipmentStaysScheduled() throws Exception {
        String sku = product("SHIRT", "19.90", 5);
        String carol = account("carol", "100.00");
        RunningSuite.stop(Service.SHIPPING);
        UUID orderId = place(carol, List.of(new Line(sku, 1)), "DE");
        awaitStatus(orderId, "PAID");
        assertThat(waitingOn(orderId)).containsExactly("shipping-service ShipmentScheduled");

        cancelled(orderId);
        RunningSuite.start(Service.SHIPPING);

        awaitTimeline(orderId, "PaymentRefunded", "InventoryReleased");
        awaitCaughtUp(Service.SHIPPING);
        awaitCaughtUp(Service.INVENTORY);
        invariantsHold();
        assertThat(saga.shipments(orderId)).noneMatch(s -> s.path("status").asString().equals("SCHEDULED"));
        assertThat(saga.product(sku).path("shipped").asInt()).isZero();
        assertThat(waitingOn(orderId)).isEmpty();
        Timelines.assertCausal(saga.timeline(orderId), ROOTS);
    }

    /**
     * The race: shipping schedules the shipment while the customer cancels. Order-service is held back on
     * shipping.events, so it still sees the order PAID and accepts the cancellation; inventory is down, and comes back
     * seeing ShipmentScheduled before OrderCancelled. Inventory has shipped the stock by then, and the cancellation
     * must bring it back.
     */
    @Test
    void aCancellationRacingTheShipmentBringsTheShippedStockBack() throws Exception {
        String sku = product("POSTER", "25.00", 3);
        String dave = account("dave", "100.00");
        RunningSuite.stop(Service.SHIPPING);
        UUID orderId = place(dave, List.of(new Line(sku, 1)), "DE");
        awaitStatus(orderId, "PAID");
        RunningSuite.stop(Service.INVENTORY);
        // order-service's saga consumer stops reading shipping.events (its other topics go on), so it does not
        // complete the order on ShipmentScheduled.
        MessageListenerContainer orderSaga = container(Service.ORDER, "order-service", Topics.SHIPPING_EVENTS)
                .orElseThrow();
        List<TopicPartition> shippingPartitions = orderSaga.getAssignedPartitions().stream()
                .filter(partition -> partition.topic().equals(Topics.SHIPPING_EVENTS)).toList();
        assertThat(shippingPartitions).isNotEmpty();
        shippingPartitions.forEach(orderSaga::pausePartition);
        await().atMost(WAIT).until(() -> shippingPartitions.stream().allMatch(orderSaga::isPartitionPaused));

        RunningSuite.start(Service.SHIPPING);
        await().atMost(WAIT).until(() -> saga.shipments(orderId).stream()
                .anyMatch(s -> s.path("status").asString().equals("SCHEDULED")));
        cancelled(orderId);
        await().atMost(WAIT).until(() -> saga.shipments(orderId).stream()
                .allMatch(s -> s.path("status").asString().equals("CANCELLED")));

        // Inventory comes back subscribed to shipping.events only, so it sees ShipmentScheduled first; then as
        // configured, all its topics.
        RunningSuite.start(Service.INVENTORY, "--ordersaga.messaging.consumed-topics=" + Topics.SHIPPING_EVENTS);
        try {
            awaitReservation(orderId, "SHIPPED");
        } finally {
            RunningSuite.stop(Service.INVENTORY);
            RunningSuite.start(Service.INVENTORY);
        }
        shippingPartitions.forEach(orderSaga::resumePartition);
        awaitReservation(orderId, "RELEASED");
        invariantsHold();
        JsonNode product = saga.product(sku);
        assertThat(product.path("shipped").asInt()).isZero();
        assertThat(product.path("available").asInt()).isEqualTo(3);
        assertThat(saga.order(orderId).path("cancellationReason").asString()).isEqualTo("CUSTOMER_REQUESTED");
        JsonNode timeline = awaitTimeline(orderId, "ShipmentScheduled", "PaymentRefunded", "InventoryReleased");
        Timelines.assertCausal(timeline, ROOTS);
        assertThat(Timelines.types(timeline)).doesNotContain("OrderCompleted");
    }

    @Test
    void aCompletedOrderCannotBeCancelledAndACancelledOneIsAnsweredUnchanged() throws Exception {
        String sku = product("STICKER", "4.99", 1);
        String erin = account("erin", "100.00");
        UUID completed = place(erin, List.of(new Line(sku, 1)), "DE");
        UUID outOfStock = place(erin, List.of(new Line(sku, 5)), "DE");
        assertThat(awaitEnd(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(awaitEnd(outOfStock).path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");

        SagaClient.Response refused = saga.cancelOrder(completed);
        SagaClient.Response unchanged = saga.cancelOrder(outOfStock);
        SagaClient.Response unknown = saga.cancelOrder(UUID.randomUUID());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asString()).contains("COMPLETED");
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.body().path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(unknown.status()).isEqualTo(404);
        invariantsHold();
        assertThat(saga.order(completed).path("status").asString()).isEqualTo("COMPLETED");
    }
}
