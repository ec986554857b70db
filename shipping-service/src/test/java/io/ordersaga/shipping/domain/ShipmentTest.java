package io.ordersaga.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShipmentTest {

    private static final Instant NOW = Instant.parse("2026-01-31T10:30:00Z");

    @Test
    void cancelsAScheduledShipment() {
        Shipment shipment = Shipment.scheduled(UUID.randomUUID(), "DE", "OS-ABCD1234", NOW);
        assertThat(shipment.isCancellable()).isTrue();

        shipment.cancel(NOW.plusSeconds(5));

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(shipment.updatedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(shipment.trackingNumber()).isEqualTo("OS-ABCD1234");
    }

    @Test
    void refusesToCancelACancelledShipmentAgain() {
        Shipment shipment = Shipment.scheduled(UUID.randomUUID(), "DE", "OS-ABCD1234", NOW);
        shipment.cancel(NOW);

        assertThat(shipment.isCancellable()).isFalse();
        assertThatThrownBy(() -> shipment.cancel(NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
    }

    @Test
    void refusesToCancelAFailedShipment() {
        Shipment shipment = Shipment.failed(UUID.randomUUID(), "AQ", FailureReason.DESTINATION_NOT_SERVED, NOW);

        assertThat(shipment.isCancellable()).isFalse();
        assertThatThrownBy(() -> shipment.cancel(NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.FAILED);
    }

    @Test
    void refusesAScheduledShipmentWithoutTrackingNumber() {
        assertThatThrownBy(() -> Shipment.scheduled(UUID.randomUUID(), "DE", null, NOW))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void givesEachShipmentItsOwnIdAndTrackingNumber() {
        assertThat(Shipment.scheduled(UUID.randomUUID(), "DE", TrackingNumber.next(), NOW).shipmentId())
                .isNotEqualTo(Shipment.scheduled(UUID.randomUUID(), "DE", TrackingNumber.next(), NOW).shipmentId());
        assertThat(TrackingNumber.next()).matches("OS-[A-Z0-9]{8}").isNotEqualTo(TrackingNumber.next());
    }

    @Test
    void givesShipmentsTimeOrderedIdsSoTheyAppendToThePrimaryKey() {
        UUID first = Shipment.scheduled(UUID.randomUUID(), "DE", TrackingNumber.next(), NOW).shipmentId();
        UUID second = Shipment.scheduled(UUID.randomUUID(), "DE", TrackingNumber.next(), NOW).shipmentId();

        assertThat(first.version()).isEqualTo(7);
        assertThat(second).isGreaterThan(first);
    }
}
