package io.ordersaga.shipping.adapter.web;

import io.ordersaga.shipping.domain.Shipment;
import io.ordersaga.shipping.domain.ShipmentStatus;
import java.time.Instant;
import java.util.UUID;

/** A shipment as clients see it; {@code trackingNumber} is null for a FAILED shipment. */
record ShipmentResponse(UUID shipmentId, UUID orderId, ShipmentStatus status, String trackingNumber, String country,
                        Instant createdAt) {

    static ShipmentResponse of(Shipment shipment) {
        return new ShipmentResponse(shipment.shipmentId(), shipment.orderId(), shipment.status(),
                shipment.trackingNumber(), shipment.country(), shipment.createdAt());
    }
}
