package io.ordersaga.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A shipment was scheduled for a paid order.
 *
 * <p>Emitted by shipping-service once it holds both {@link OrderPlaced} and {@link PaymentCompleted} for the
 * order. Consumed by inventory-service (reserved stock becomes shipped) and by order-service (COMPLETED).
 */
public record ShipmentScheduled(UUID orderId, UUID shipmentId, String trackingNumber, String country)
        implements SagaEvent {

    public ShipmentScheduled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(country, "country");
    }
}
