package io.ordersaga.shipping.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What shipping knows about one order: the join of "what and where" (OrderPlaced) and "go" (PaymentCompleted),
 * plus whether the order was cancelled. The facts arrive on different topics in either order; whichever completes
 * the pair lets {@link #ship} create the one shipment. Each fact is recorded once: a repeated fact changes nothing.
 *
 * <p>Rows are created by {@link ShippingOrderRepository#lockOrCreate}, which also serialises the writers.
 */
@Entity
@Table(name = "shipping_order")
public class ShippingOrder {

    @Id
    private UUID orderId;
    private String customerId;
    @Embedded
    private DeliveryAddress address;
    @ElementCollection
    @CollectionTable(name = "shipping_order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderItem> items = new ArrayList<>();
    private Instant placedAt;
    private UUID paymentId;
    private Instant paidAt;
    private Instant cancelledAt;
    private UUID shipmentId;

    protected ShippingOrder() {
    }

    /** An order shipping has heard of but knows no fact about yet; the repository creates the same shape in SQL. */
    public ShippingOrder(UUID orderId) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
    }

    /** Records what to ship and where (OrderPlaced). @return {@code false} when it was known already */
    public boolean recordPlacement(String customerId, DeliveryAddress address, List<OrderItem> items, Instant at) {
        if (isPlaced()) {
            return false;
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one item");
        }
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.address = Objects.requireNonNull(address, "address");
        this.items.addAll(items);
        this.placedAt = at;
        return true;
    }

    /** Records that the order was paid (PaymentCompleted). @return {@code false} when it was known already */
    public boolean recordPayment(UUID paymentId, Instant at) {
        if (isPaid()) {
            return false;
        }
        this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
        this.paidAt = at;
        return true;
    }

    /** Records that the order was cancelled, so it is never shipped from now on. @return {@code false} when known */
    public boolean cancel(Instant at) {
        if (isCancelled()) {
            return false;
        }
        this.cancelledAt = at;
        return true;
    }

    /** Both facts are in, the order was not cancelled, and no shipment exists yet. */
    public boolean isReadyToShip() {
        return isPlaced() && isPaid() && !isCancelled() && shipmentId == null;
    }

    /**
     * Creates the order's one shipment: SCHEDULED when the destination is served, otherwise FAILED with
     * DESTINATION_NOT_SERVED.
     *
     * @throws IllegalStateException unless {@link #isReadyToShip()}
     */
    public Shipment ship(ServiceArea area, Instant now) {
        if (!isReadyToShip()) {
            throw new IllegalStateException("Order " + orderId + " is not ready to ship: placed=" + isPlaced()
                    + ", paid=" + isPaid() + ", cancelled=" + isCancelled() + ", shipment=" + shipmentId);
        }
        Shipment shipment = area.serves(address.country())
                ? Shipment.scheduled(orderId, address.country(), TrackingNumber.next(), now)
                : Shipment.failed(orderId, address.country(), FailureReason.DESTINATION_NOT_SERVED, now);
        this.shipmentId = shipment.shipmentId();
        return shipment;
    }

    public boolean isPlaced() {
        return placedAt != null;
    }

    public boolean isPaid() {
        return paidAt != null;
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public DeliveryAddress address() {
        return address;
    }

    public List<OrderItem> items() {
        return List.copyOf(items);
    }

    public UUID paymentId() {
        return paymentId;
    }

    /** The order's one shipment, or {@code null} before {@link #ship}. */
    public UUID shipmentId() {
        return shipmentId;
    }
}
