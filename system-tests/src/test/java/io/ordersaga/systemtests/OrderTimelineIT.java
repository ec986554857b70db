package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /orders/{orderId}/timeline} for the happy path and each compensation path: every event of the order
 * from the four topics, each after its cause, one correlation id throughout. The customer's and the deadline's
 * cancellations are checked by {@link CustomerCancellationIT} and {@link SagaDeadlineIT}.
 */
class OrderTimelineIT extends SagaEdgeSupport {

    private static final Set<String> PLACED = Set.of("OrderPlaced");

    @Test
    void theHappyPathReadsPlacedReservedPaidScheduledCompleted() throws Exception {
        String sku = product("BOOK", "39.90", 5);
        String alice = account("alice", "100.00");
        UUID orderId = place(alice, List.of(new Line(sku, 1)), "DE");
        awaitEnd(orderId);

        JsonNode timeline = awaitTimeline(orderId, "OrderCompleted");

        assertThat(Timelines.types(timeline)).containsExactly("OrderPlaced", "InventoryReserved", "PaymentCompleted",
                "ShipmentScheduled", "OrderCompleted");
        Timelines.assertCausal(timeline, PLACED);
        assertThat(Timelines.causeOf(timeline, "InventoryReserved")).isEqualTo("OrderPlaced");
        assertThat(Timelines.causeOf(timeline, "PaymentCompleted")).isEqualTo("InventoryReserved");
        assertThat(Timelines.events(timeline)).extracting(e -> e.path("source").asString()).containsExactly(
                "order-service", "inventory-service", "payment-service", "shipping-service", "order-service");
        invariantsHold();
    }

    @Test
    void outOfStockReadsPlacedReservationFailedCancelled() throws Exception {
        String sku = product("POSTER", "25.00", 1);
        String alice = account("alice", "100.00");
        UUID orderId = place(alice, List.of(new Line(sku, 2)), "DE");
        awaitEnd(orderId);

        JsonNode timeline = awaitTimeline(orderId, "OrderCancelled");

        assertThat(Timelines.types(timeline)).containsExactly("OrderPlaced", "InventoryReservationFailed",
                "OrderCancelled");
        Timelines.assertCausal(timeline, PLACED);
        assertThat(Timelines.causeOf(timeline, "OrderCancelled")).isEqualTo("InventoryReservationFailed");
        invariantsHold();
    }

    @Test
    void aDeclinedPaymentReadsUpToTheReleaseOfTheReservation() throws Exception {
        String sku = product("SHIRT", "19.90", 5);
        String bob = account("bob", "20.00");
        UUID orderId = place(bob, List.of(new Line(sku, 3)), "DE");
        awaitEnd(orderId);

        JsonNode timeline = awaitTimeline(orderId, "OrderCancelled", "InventoryReleased");

        assertThat(Timelines.types(timeline)).containsExactlyInAnyOrder("OrderPlaced", "InventoryReserved",
                "PaymentFailed", "InventoryReleased", "OrderCancelled");
        assertThat(Timelines.types(timeline).subList(0, 3))
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentFailed");
        Timelines.assertCausal(timeline, PLACED);
        assertThat(Timelines.causeOf(timeline, "OrderCancelled")).isEqualTo("PaymentFailed");
        assertThat(Timelines.causeOf(timeline, "InventoryReleased")).isIn("PaymentFailed", "OrderCancelled");
        invariantsHold();
    }

    @Test
    void aFailedShipmentReadsUpToTheRefundAndTheRelease() throws Exception {
        String sku = product("STICKER", "4.99", 5);
        String carol = account("carol", "100.00");
        UUID orderId = place(carol, List.of(new Line(sku, 2)), "AQ");
        awaitEnd(orderId);

        JsonNode timeline = awaitTimeline(orderId, "OrderCancelled", "PaymentRefunded", "InventoryReleased");

        assertThat(Timelines.types(timeline)).containsExactlyInAnyOrder("OrderPlaced", "InventoryReserved",
                "PaymentCompleted", "ShipmentFailed", "PaymentRefunded", "InventoryReleased", "OrderCancelled");
        assertThat(Timelines.types(timeline).subList(0, 4))
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentCompleted", "ShipmentFailed");
        Timelines.assertCausal(timeline, PLACED);
        assertThat(Timelines.causeOf(timeline, "OrderCancelled")).isEqualTo("ShipmentFailed");
        assertThat(Timelines.causeOf(timeline, "PaymentRefunded")).isIn("ShipmentFailed", "OrderCancelled");
        assertThat(Timelines.causeOf(timeline, "InventoryReleased")).isIn("ShipmentFailed", "OrderCancelled");
        invariantsHold();
    }
}
