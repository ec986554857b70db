package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ReservationStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShippingEventsListenerIT extends AbstractInventoryIT {

    @Test
    void shipmentScheduledMovesReservedStockToShippedOnceAndPublishesNothing() {
        String sku = newProduct("TSHIRT", "19.90", 8);
        UUID orderId = reservedOrder(sku, 3);

        EventEnvelope<SagaEvent> scheduled = kafka.send(scheduled(orderId));
        kafka.send(scheduled);
        kafka.send(scheduled(orderId));
        sendMarkerAndAwait(failed(orderId));

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.SHIPPED);
        Product product = product(sku);
        assertThat(product.available()).isEqualTo(5);
        assertThat(product.reserved()).isZero();
        assertThat(product.shipped()).isEqualTo(3);
        assertThat(product.isBalanced()).isTrue();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved");
    }

    /**
     * The shipment was scheduled just as the order was cancelled, and ShipmentScheduled arrived first: a cancelled
     * order's shipment is cancelled by shipping, so the stock that was marked shipped comes back, once.
     */
    @Test
    void aCancellationThatCrossedTheScheduledShipmentBringsTheShippedStockBackOnce() {
        String sku = newProduct("TSHIRT", "19.90", 8);
        UUID orderId = reservedOrder(sku, 3);
        awaitHandled(kafka.send(scheduled(orderId)));
        assertThat(product(sku).shipped()).isEqualTo(3);

        EventEnvelope<SagaEvent> cancelled = kafka.send(OrderEventsListenerIT.cancelled(orderId));
        kafka.send(cancelled);
        awaitHandled(kafka.send(OrderEventsListenerIT.cancelled(orderId)));

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        Product product = product(sku);
        assertThat(product.shipped()).isZero();
        assertThat(product.available()).isEqualTo(8);
        assertThat(product.isBalanced()).isTrue();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
    }

    @Test
    void shipmentFailedReleasesTheReservationOnceEvenWhenDeliveredTwice() {
        String sku = newProduct("TSHIRT", "19.90", 8);
        UUID orderId = reservedOrder(sku, 3);

        EventEnvelope<SagaEvent> failed = kafka.send(failed(orderId));
        kafka.send(failed);
        kafka.send(failed(orderId));
        sendMarkerAndAwait(scheduled(orderId));

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(product(sku).available()).isEqualTo(8);
        assertThat(product(sku).shipped()).isZero();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
        assertThat(awaitPublished(orderId, 2)).hasSize(2);
    }

    @Test
    void shipmentFailedAndTheOrderCancelledThatFollowsItReleaseOnlyOnce() {
        String sku = newProduct("TSHIRT", "19.90", 8);
        UUID orderId = reservedOrder(sku, 3);

        // Different topics, so inventory may handle them concurrently and in either order.
        EventEnvelope<SagaEvent> cancelled = kafka.send(OrderEventsListenerIT.cancelled(orderId));
        EventEnvelope<SagaEvent> failed = kafka.send(failed(orderId));
        await().atMost(TIMEOUT).until(() -> handled(cancelled) && handled(failed));

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(product(sku).available()).isEqualTo(8);
        assertThat(product(sku).reserved()).isZero();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
    }

    @Test
    void shipmentScheduledForAnOrderWithoutReservationIsIgnored() {
        UUID orderId = UUID.randomUUID();

        awaitHandled(kafka.send(scheduled(orderId)));

        assertThat(reservations.findById(orderId)).isEmpty();
        assertThat(outboxEventTypes(orderId)).isEmpty();
    }

    @Test
    void aPoisonRecordIsDeadLetteredOnceAndTheNextRecordIsStillProcessed() {
        String sku = newProduct("TSHIRT", "19.90", 8);
        UUID orderId = reservedOrder(sku, 1);

        kafka.sendRaw(Topics.SHIPPING_EVENTS, orderId.toString(), "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "io.evil.Gadget"));
        kafka.send(scheduled(orderId));

        awaitStatus(orderId, ReservationStatus.SHIPPED);
        List<?> dead = await().atMost(TIMEOUT).until(() -> deadLetters(Topics.SHIPPING_EVENTS, orderId),
                records -> !records.isEmpty());
        assertThat(dead).hasSize(1);
    }

    static ShipmentScheduled scheduled(UUID orderId) {
        return new ShipmentScheduled(orderId, UUID.randomUUID(), "TRK-1", "DE");
    }

    static ShipmentFailed failed(UUID orderId) {
        return new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED");
    }
}
