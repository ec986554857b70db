package io.ordersaga.shipping.domain;

import io.ordersaga.events.TimeOrderedIds;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one shipment of a paid order. Created by {@link ShippingOrder#ship} as SCHEDULED (with a tracking number) or
 * FAILED (with a reason); a SCHEDULED shipment can be CANCELLED. FAILED and CANCELLED are terminal.
 */
@Entity
@Table(name = "shipment")
public class Shipment {

    @Id
    private UUID shipmentId;
    private UUID orderId;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus status;
    private String trackingNumber;
    private String country;
    @Enumerated(EnumType.STRING)
    private FailureReason failureReason;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    protected Shipment() {
    }

    private Shipment(UUID orderId, ShipmentStatus status, String trackingNumber, String country,
                     FailureReason failureReason, Instant now) {
        this.shipmentId = TimeOrderedIds.next();
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.status = status;
        this.trackingNumber = trackingNumber;
        this.country = Objects.requireNonNull(country, "country");
        this.failureReason = failureReason;
        this.createdAt = Objects.requireNonNull(now, "now");
        this.updatedAt = now;
    }

    static Shipment scheduled(UUID orderId, String country, String trackingNumber, Instant now) {
        return new Shipment(orderId, ShipmentStatus.SCHEDULED, Objects.requireNonNull(trackingNumber, "trackingNumber"),
                country, null, now);
    }

    static Shipment failed(UUID orderId, String country, FailureReason reason, Instant now) {
        return new Shipment(orderId, ShipmentStatus.FAILED, null, country, Objects.requireNonNull(reason, "reason"), now);
    }

    /** Only a SCHEDULED shipment can still be stopped. */
    public boolean isCancellable() {
        return status == ShipmentStatus.SCHEDULED;
    }

    /** @throws IllegalStateException unless the shipment is SCHEDULED */
    public void cancel(Instant now) {
        if (!isCancellable()) {
            throw new IllegalStateException("Shipment " + shipmentId + " is " + status + " and cannot be cancelled");
        }
        this.status = ShipmentStatus.CANCELLED;
        this.updatedAt = now;
    }

    public UUID shipmentId() {
        return shipmentId;
    }

    public UUID orderId() {
        return orderId;
    }

    public ShipmentStatus status() {
        return status;
    }

    /** {@code null} for a FAILED shipment. */
    public String trackingNumber() {
        return trackingNumber;
    }

    public String country() {
        return country;
    }

    /** {@code null} unless FAILED. */
    public FailureReason failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
