package io.ordersaga.order.domain;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.Money;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.TimeOrderedIds;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The order aggregate: PENDING → INVENTORY_RESERVED → PAID → COMPLETED, and any non-terminal state → CANCELLED.
 *
 * <p>The other services' events reach the order over three topics, so they may be handled in any relative order:
 * a shipment can be scheduled before the payment is seen, a payment before the reservation. The status therefore
 * only moves forward, and a late event only records the facts the order still lacks (prices, total). Each
 * {@code acceptsX()} says whether such an event still changes anything; the transition itself refuses an illegal
 * move with an {@link IllegalStateException}.
 *
 * <p>{@code OrderCompleted} carries the total. When the shipment was seen before any event that told the total,
 * the order is COMPLETED at once and its completion is announced when the total becomes known; the transitions
 * return whether that moment is now.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    private UUID orderId;

    private String customerId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @Embedded
    private Address shippingAddress;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    private CancellationReason cancellationReason;

    @Column(precision = 19, scale = 2)
    private BigDecimal totalAmount;

    private String currency;

    /** The saga's correlation id, kept for work that later acts on the order outside any event (deadlines). */
    private String correlationId;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private Long version;

    protected Order() {
    }

    private Order(UUID orderId, String customerId, List<OrderLine> lines, Address shippingAddress,
                  String correlationId) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = requireText(customerId, "customerId");
        this.lines = new ArrayList<>(Objects.requireNonNull(lines, "lines"));
        if (this.lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        if (this.lines.stream().anyMatch(OrderLine::isPriced)) {
            throw new IllegalArgumentException("a new order's lines are priced by inventory, not by the customer");
        }
        this.shippingAddress = Objects.requireNonNull(shippingAddress, "shippingAddress");
        this.correlationId = requireText(correlationId, "correlationId");
        this.status = OrderStatus.PENDING;
        this.createdAt = now();
        this.updatedAt = this.createdAt;
    }

    /** A new PENDING order with a fresh id. */
    public static Order place(String customerId, List<OrderLine> lines, Address shippingAddress, String correlationId) {
        return place(TimeOrderedIds.next(), customerId, lines, shippingAddress, correlationId);
    }

    /** A new PENDING order with the given id (chosen before the order exists, for an idempotency key). */
    public static Order place(UUID orderId, String customerId, List<OrderLine> lines, Address shippingAddress,
                              String correlationId) {
        return new Order(orderId, customerId, lines, shippingAddress, correlationId);
    }

    /** Whether InventoryReserved still changes the order: it is not cancelled and its lines are not priced yet. */
    public boolean acceptsInventoryReservation() {
        return status != OrderStatus.CANCELLED && !isPriced();
    }

    /**
     * Records the prices and total inventory reserved the order at; a PENDING order becomes INVENTORY_RESERVED, an
     * order that is further along keeps its status.
     *
     * @return whether the order's completion can be announced now (it was COMPLETED without a known total)
     * @throws IllegalStateException when {@link #acceptsInventoryReservation()} is false
     */
    public boolean reserveInventory(BigDecimal total, String currency, List<PricedLine> pricedLines) {
        if (!acceptsInventoryReservation()) {
            throw illegal("record an inventory reservation");
        }
        Map<String, BigDecimal> prices = Objects.requireNonNull(pricedLines, "pricedLines").stream()
                .collect(Collectors.toMap(PricedLine::sku, PricedLine::unitPrice, (first, second) -> first));
        List<OrderLine> priced = lines.stream().map(line -> {
            BigDecimal price = prices.get(line.sku());
            if (price == null) {
                throw new IllegalArgumentException("the reservation has no price for " + line.sku());
            }
            return line.pricedAt(price);
        }).toList();
        boolean totalWasUnknown = totalAmount == null;
        for (int i = 0; i < priced.size(); i++) {
            lines.set(i, priced.get(i));
        }
        recordTotal(total, currency);
        if (status == OrderStatus.PENDING) {
            status = OrderStatus.INVENTORY_RESERVED;
        }
        touch();
        return status == OrderStatus.COMPLETED && totalWasUnknown;
    }

    /**
     * Whether PaymentCompleted still changes the order: it is not paid yet, or it completed before any event told
     * its total.
     */
    public boolean acceptsPayment() {
        return status == OrderStatus.PENDING || status == OrderStatus.INVENTORY_RESERVED
                || (status == OrderStatus.COMPLETED && totalAmount == null);
    }

    /**
     * Marks the order PAID (unless it is already COMPLETED) and records the amount as its total when no total is
     * known yet.
     *
     * @return whether the order's completion can be announced now (it was COMPLETED without a known total)
     * @throws IllegalStateException when {@link #acceptsPayment()} is false
     */
    public boolean markPaid(BigDecimal amount, String currency) {
        if (!acceptsPayment()) {
            throw illegal("mark it paid");
        }
        boolean totalWasUnknown = totalAmount == null;
        if (totalWasUnknown) {
            recordTotal(amount, currency);
        }
        if (status != OrderStatus.COMPLETED) {
            status = OrderStatus.PAID;
        }
        touch();
        return status == OrderStatus.COMPLETED && totalWasUnknown;
    }

    /** Whether ShipmentScheduled still changes the order: it is not terminal. */
    public boolean acceptsCompletion() {
        return !isTerminal();
    }

    /**
     * COMPLETED, from any non-terminal state: a scheduled shipment means reserved and paid, whether or not those
     * events were handled yet.
     *
     * @return whether the completion can be announced now, that is whether the total is known
     * @throws IllegalStateException when the order is terminal
     */
    public boolean complete() {
        if (!acceptsCompletion()) {
            throw illegal("complete it");
        }
        status = OrderStatus.COMPLETED;
        touch();
        return totalAmount != null;
    }

    /** Whether a failure still changes the order: it is not terminal. */
    public boolean acceptsCancellation() {
        return !isTerminal();
    }

    /**
     * CANCELLED with {@code reason}, from any non-terminal state.
     *
     * @throws IllegalStateException when the order is terminal
     */
    public void cancel(CancellationReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (!acceptsCancellation()) {
            throw illegal("cancel it (" + reason + ")");
        }
        status = OrderStatus.CANCELLED;
        cancellationReason = reason;
        touch();
    }

    /**
     * The customer's cancellation: CANCELLED with CUSTOMER_REQUESTED. An order that is cancelled already, for
     * whatever reason, stays as it is: asking twice is not an error, and the first reason stands.
     *
     * @return whether the order was cancelled now, so that its cancellation is to be announced
     * @throws IllegalStateException when the order is COMPLETED
     */
    public boolean cancelOnCustomerRequest() {
        if (status == OrderStatus.CANCELLED) {
            return false;
        }
        cancel(CancellationReason.CUSTOMER_REQUESTED);
        return true;
    }

    /**
     * CANCELLED with TIMED_OUT: the saga did not end within its deadline.
     *
     * @throws IllegalStateException when the order is terminal
     */
    public void timeOut() {
        cancel(CancellationReason.TIMED_OUT);
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** Whether inventory has priced every line. */
    public boolean isPriced() {
        return lines.stream().allMatch(OrderLine::isPriced);
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    public Address shippingAddress() {
        return shippingAddress;
    }

    public OrderStatus status() {
        return status;
    }

    /** {@code null} unless CANCELLED. */
    public CancellationReason cancellationReason() {
        return cancellationReason;
    }

    /** {@code null} until InventoryReserved or PaymentCompleted told it. */
    public BigDecimal totalAmount() {
        return totalAmount;
    }

    /** {@code null} until InventoryReserved or PaymentCompleted told it. */
    public String currency() {
        return currency;
    }

    public String correlationId() {
        return correlationId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    private void recordTotal(BigDecimal amount, String currency) {
        this.totalAmount = Money.amount(amount, "totalAmount");
        this.currency = requireText(currency, "currency");
    }

    private void touch() {
        updatedAt = now();
    }

    /** Microseconds: what PostgreSQL keeps, so a saved order reads back equal. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private IllegalStateException illegal(String move) {
        return new IllegalStateException("Order " + orderId + " is " + status + "; cannot " + move);
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Order[" + orderId + ", " + status + "]";
    }
}
