package io.ordersaga.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShippingOrderTest {

    private static final Instant NOW = Instant.parse("2026-01-31T10:30:00Z");
    private static final ServiceArea ALL_BUT_AQ = new ServiceArea(Set.of("AQ"));

    private final ShippingOrder order = new ShippingOrder(UUID.randomUUID());

    @Test
    void waitsForThePaymentWhenOnlyThePlacementIsKnown() {
        place(order, "DE");

        assertThat(order.isReadyToShip()).isFalse();
        assertThatThrownBy(() -> order.ship(ALL_BUT_AQ, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitsForThePlacementWhenOnlyThePaymentIsKnown() {
        order.recordPayment(UUID.randomUUID(), NOW);

        assertThat(order.isReadyToShip()).isFalse();
        assertThatThrownBy(() -> order.ship(ALL_BUT_AQ, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void schedulesAShipmentToAServedCountryOnceBothFactsAreKnown() {
        order.recordPayment(UUID.randomUUID(), NOW);
        place(order, "DE");

        assertThat(order.isReadyToShip()).isTrue();
        Shipment shipment = order.ship(ALL_BUT_AQ, NOW);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
        assertThat(shipment.orderId()).isEqualTo(order.orderId());
        assertThat(shipment.country()).isEqualTo("DE");
        assertThat(shipment.trackingNumber()).matches("OS-[A-Z0-9]{8}");
        assertThat(shipment.failureReason()).isNull();
        assertThat(shipment.createdAt()).isEqualTo(NOW);
    }

    @Test
    void failsTheShipmentWhenTheCountryIsNotServed() {
        place(order, "AQ");
        order.recordPayment(UUID.randomUUID(), NOW);

        Shipment shipment = order.ship(ALL_BUT_AQ, NOW);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.FAILED);
        assertThat(shipment.failureReason()).isEqualTo(FailureReason.DESTINATION_NOT_SERVED);
        assertThat(shipment.trackingNumber()).isNull();
        assertThat(shipment.country()).isEqualTo("AQ");
    }

    @Test
    void shipsAnOrderOnlyOnce() {
        place(order, "DE");
        order.recordPayment(UUID.randomUUID(), NOW);
        order.ship(ALL_BUT_AQ, NOW);

        assertThat(order.isReadyToShip()).isFalse();
        assertThatThrownBy(() -> order.ship(ALL_BUT_AQ, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverShipsAnOrderCancelledBeforeItWasPaid() {
        place(order, "DE");
        assertThat(order.cancel(NOW)).isTrue();
        order.recordPayment(UUID.randomUUID(), NOW);

        assertThat(order.isReadyToShip()).isFalse();
        assertThatThrownBy(() -> order.ship(ALL_BUT_AQ, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverShipsAnOrderCancelledBeforeAnyOtherFact() {
        order.cancel(NOW);
        order.recordPayment(UUID.randomUUID(), NOW);
        place(order, "DE");

        assertThat(order.isReadyToShip()).isFalse();
    }

    @Test
    void keepsTheFirstPlacementAndIgnoresARepeatedOne() {
        assertThat(place(order, "DE")).isTrue();

        assertThat(place(order, "FR")).isFalse();
        assertThat(order.address().country()).isEqualTo("DE");
        assertThat(order.items()).containsExactly(new OrderItem("BOOK-EDA", 2));
    }

    @Test
    void keepsTheFirstPaymentAndIgnoresARepeatedOne() {
        UUID first = UUID.randomUUID();
        assertThat(order.recordPayment(first, NOW)).isTrue();

        assertThat(order.recordPayment(UUID.randomUUID(), NOW)).isFalse();
        assertThat(order.paymentId()).isEqualTo(first);
    }

    @Test
    void cancellingTwiceChangesNothingTheSecondTime() {
        assertThat(order.cancel(NOW)).isTrue();
        assertThat(order.cancel(NOW.plusSeconds(1))).isFalse();
        assertThat(order.isCancelled()).isTrue();
    }

    @Test
    void refusesAPlacementWithoutItems() {
        assertThatThrownBy(() -> order.recordPlacement("alice", address("DE"), List.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(order.isPlaced()).isFalse();
    }

    private static boolean place(ShippingOrder order, String country) {
        return order.recordPlacement("alice", address(country), List.of(new OrderItem("BOOK-EDA", 2)), NOW);
    }

    private static DeliveryAddress address(String country) {
        return new DeliveryAddress("Alice", "1 Main St", "Berlin", "10115", country);
    }
}
