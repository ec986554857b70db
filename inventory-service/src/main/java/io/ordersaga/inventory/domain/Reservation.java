package io.ordersaga.inventory.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ObjIntConsumer;

/**
 * What inventory holds for one order: the lines it reserved, priced at reservation time, and where that stock
 * went. One per order, so the order id is the key that makes every reaction idempotent by business state.
 *
 * <p>A RESERVED reservation moves once: to RELEASED (a compensation) or to SHIPPED. A SHIPPED one moves back to
 * RELEASED only when its order is cancelled after all: the shipment was scheduled in the same moment the order was
 * cancelled, shipping cancels that shipment, and the stock never left. The other ways a reservation comes to exist
 * are terminal from the start: REJECTED (the order could not be reserved) and a RELEASED tombstone without lines
 * (the order was cancelled before inventory saw it placed).
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    @Id
    private UUID orderId;

    private String customerId;

    @Enumerated(EnumType.STRING)
    private ReservationStatus status;

    @Enumerated(EnumType.STRING)
    private RejectionReason rejectionReason;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<ReservationLine> lines = new ArrayList<>();

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Reservation() {
        // for JPA
    }

    private Reservation(UUID orderId, String customerId, ReservationStatus status, RejectionReason rejectionReason,
                        Instant now) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.status = status;
        this.rejectionReason = rejectionReason;
        this.createdAt = Objects.requireNonNull(now, "now");
        this.updatedAt = now;
    }

    /**
     * Reserves every line of an order, or nothing: when any line cannot be reserved no product is touched.
     *
     * @param products the ordered products, locked by the caller, by SKU
     * @throws IllegalStateException when {@link ReservationRejection#check} rejects the order
     */
    public static Reservation reserve(UUID orderId, String customerId, OrderedItems items,
                                      Map<String, Product> products, Instant now) {
        Optional<ReservationRejection> rejection = ReservationRejection.check(items, products);
        if (rejection.isPresent()) {
            throw new IllegalStateException("Cannot reserve order " + orderId + ": " + rejection.get());
        }
        Reservation reservation = new Reservation(orderId, customerId, ReservationStatus.RESERVED, null, now);
        items.quantities().forEach((sku, quantity) -> {
            Product product = products.get(sku);
            product.reserve(quantity);
            reservation.lines.add(new ReservationLine(sku, quantity, product.unitPrice()));
        });
        return reservation;
    }

    /** Records that an order could not be reserved, so the same order is never reserved later. */
    public static Reservation rejected(UUID orderId, String customerId, RejectionReason reason, Instant now) {
        return new Reservation(orderId, customerId, ReservationStatus.REJECTED, Objects.requireNonNull(reason), now);
    }

    /**
     * A tombstone for an order cancelled before its OrderPlaced reached inventory. Events of one order travel on
     * different topics, so OrderPlaced can arrive after the OrderCancelled that ended the order (a lagging
     * partition, a redelivery after a crash); without this row that late OrderPlaced would reserve stock that
     * nothing would ever release.
     */
    public static Reservation cancelledBeforePlacement(UUID orderId, String customerId, Instant now) {
        return new Reservation(orderId, customerId, ReservationStatus.RELEASED, null, now);
    }

    /** RESERVED → RELEASED: every reserved unit becomes available again. */
    public void release(Map<String, Product> products, Instant now) {
        move(ReservationStatus.RESERVED, ReservationStatus.RELEASED, products, Product::release, now);
    }

    /** RESERVED → SHIPPED: every reserved unit leaves the warehouse. */
    public void ship(Map<String, Product> products, Instant now) {
        move(ReservationStatus.RESERVED, ReservationStatus.SHIPPED, products, Product::ship, now);
    }

    /**
     * SHIPPED → RELEASED: the order was cancelled although its shipment had been scheduled (the two crossed), so the
     * shipment is cancelled and every shipped unit is available again.
     */
    public void returnShipment(Map<String, Product> products, Instant now) {
        move(ReservationStatus.SHIPPED, ReservationStatus.RELEASED, products, Product::returnShipped, now);
    }

    public boolean isShipped() {
        return status == ReservationStatus.SHIPPED;
    }

    private void move(ReservationStatus from, ReservationStatus target, Map<String, Product> products,
                      ObjIntConsumer<Product> change, Instant now) {
        if (status != from) {
            throw new IllegalStateException("Reservation of order " + orderId + " is " + status
                    + " and cannot become " + target);
        }
        List<String> missing = skus().stream().filter(sku -> !products.containsKey(sku)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Products " + missing + " of order " + orderId + " were not given");
        }
        lines.forEach(line -> change.accept(products.get(line.sku()), line.quantity()));
        status = target;
        updatedAt = Objects.requireNonNull(now, "now");
    }

    public boolean isReserved() {
        return status == ReservationStatus.RESERVED;
    }

    public List<String> skus() {
        return lines.stream().map(ReservationLine::sku).toList();
    }

    public BigDecimal totalAmount() {
        return lines.stream().map(ReservationLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2);
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public ReservationStatus status() {
        return status;
    }

    public Optional<RejectionReason> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }

    public List<ReservationLine> lines() {
        return List.copyOf(lines);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
