package io.ordersaga.order.application;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.TimeOrderedIds;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.IdempotencyKey;
import io.ordersaga.order.domain.IdempotencyKeyRepository;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderRepository;
import io.ordersaga.order.domain.OrderStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of order-service. Every event handler locks the order's row, asks the order whether the event
 * still changes anything, and publishes what the change means in the same transaction. An event for an unknown or
 * a terminal order, or one that comes too late to matter, is logged and ignored: it never throws for a business
 * reason, because a throw means retry and then dead letter.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("orderId"));

    private final OrderRepository orders;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final EventPublisher events;
    private final SagaAdmission admission;
    private final Clock clock;

    public OrderService(OrderRepository orders, IdempotencyKeyRepository idempotencyKeys, EventPublisher events,
                        SagaAdmission admission, Clock clock) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.events = events;
        this.admission = admission;
        this.clock = clock;
    }

    /**
     * Persists a PENDING order and publishes OrderPlaced, which starts the saga.
     *
     * @throws SagaBacklogFullException when as many sagas as allowed are in flight already ({@link SagaAdmission})
     */
    @Transactional
    public Order placeOrder(PlaceOrderCommand command) {
        return placeNew(TimeOrderedIds.next(), command);
    }

    /**
     * Places the order once per idempotency key: the first request with {@code idempotencyKey} places it, a repeat
     * of that request gets the same order back, and concurrent repeats wait for the first one (see
     * {@link IdempotencyKeyRepository#claim}). Without a key every call places a new order. A repeat is answered
     * also while new orders are refused; a refused first request leaves its key unclaimed (the transaction rolls back).
     *
     * @throws IdempotencyKeyReusedException when the key was first used with a different request
     * @throws SagaBacklogFullException      when a new order would be placed while the saga's backlog is full
     */
    @Transactional
    public Placement placeOrder(PlaceOrderCommand command, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Placement(placeOrder(command), false);
        }
        String fingerprint = command.fingerprint();
        UUID orderId = TimeOrderedIds.next();
        if (idempotencyKeys.claim(idempotencyKey, fingerprint, orderId, clock.instant()) == 1) {
            return new Placement(placeNew(orderId, command), false);
        }
        IdempotencyKey claimed = idempotencyKeys.findById(idempotencyKey).orElseThrow();
        if (!claimed.wasUsedFor(fingerprint)) {
            throw new IdempotencyKeyReusedException(idempotencyKey);
        }
        Order order = orders.findById(claimed.orderId()).orElseThrow();
        MessageContext.attachOrder(order.orderId().toString());
        log.info("Idempotency-Key {} repeated: answering with order {}", idempotencyKey, order.orderId());
        return new Placement(order, true);
    }

    private Order placeNew(UUID orderId, PlaceOrderCommand command) {
        admission.admit();
        if (MessageContext.current().isEmpty()) {
            // Not called from a request or an event: this order starts a saga of its own.
            return MessageContext.callWith(MessageContext.newSaga(UUID.randomUUID().toString(), null),
                    () -> place(orderId, command));
        }
        return place(orderId, command);
    }

    private Order place(UUID orderId, PlaceOrderCommand command) {
        String correlationId = MessageContext.current().orElseThrow().correlationId();
        Order order = orders.save(Order.place(orderId, command.customerId(), command.lines(),
                command.shippingAddress(), correlationId));
        MessageContext.attachOrder(order.orderId().toString());
        Address address = order.shippingAddress();
        events.publish(new OrderPlaced(order.orderId(), order.customerId(),
                order.lines().stream().map(line -> new io.ordersaga.events.OrderLine(line.sku(), line.quantity()))
                        .toList(),
                new ShippingAddress(address.name(), address.street(), address.city(), address.postalCode(),
                        address.country())));
        log.debug("Order {} placed by {}", order.orderId(), order.customerId());
        return order;
    }

    @Transactional(readOnly = true)
    public Optional<Order> find(UUID orderId) {
        return orders.findById(orderId);
    }

    /** Newest first; {@code null} filters match every order. */
    @Transactional(readOnly = true)
    public Page<Order> search(String customerId, OrderStatus status, int page, int size) {
        return orders.search(customerId, status, PageRequest.of(page, size, NEWEST_FIRST));
    }

    /**
     * Before a batch of events is handled in one transaction: locks and loads all its orders, in ascending id order,
     * in one query (and their lines in one more). Each handler then finds its order locked and loaded
     * ({@code persistence-context: per-batch}) instead of asking for it again, and the batch's changes go to the
     * database together at commit, in JDBC batches.
     */
    @Transactional
    public void lockForBatch(List<SagaEvent> batch) {
        orders.lockAll(batch.stream().map(SagaEvent::orderId).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Transactional
    public void onInventoryReserved(InventoryReserved event) {
        apply(event, Order::acceptsInventoryReservation, order -> {
            boolean announce = order.reserveInventory(event.totalAmount(), event.currency(), event.lines());
            announceCompletionIf(announce, order);
        });
    }

    @Transactional
    public void onInventoryReservationFailed(InventoryReservationFailed event) {
        cancel(event, event.reason().cancellationReason());
    }

    @Transactional
    public void onPaymentCompleted(PaymentCompleted event) {
        apply(event, Order::acceptsPayment, order -> {
            boolean announce = order.markPaid(event.amount(), event.currency());
            announceCompletionIf(announce, order);
        });
    }

    @Transactional
    public void onPaymentFailed(PaymentFailed event) {
        cancel(event, CancellationReason.PAYMENT_DECLINED);
    }

    @Transactional
    public void onShipmentScheduled(ShipmentScheduled event) {
        apply(event, Order::acceptsCompletion, order -> {
            boolean announce = order.complete();
            if (!announce) {
                log.info("Order {} completed before its total was known; OrderCompleted follows when it is",
                        order.orderId());
            }
            announceCompletionIf(announce, order);
        });
    }

    @Transactional
    public void onShipmentFailed(ShipmentFailed event) {
        cancel(event, CancellationReason.SHIPPING_FAILED);
    }

    private void cancel(SagaEvent event, CancellationReason reason) {
        apply(event, Order::acceptsCancellation, order -> {
            order.cancel(reason);
            events.publish(new OrderCancelled(order.orderId(), order.customerId(), reason));
        });
    }

    private void announceCompletionIf(boolean due, Order order) {
        if (due) {
            events.publish(new OrderCompleted(order.orderId(), order.customerId(), order.totalAmount(),
                    order.currency()));
        }
    }

    /** Locks the event's order and applies {@code change} if the order says the event still changes it. */
    private void apply(SagaEvent event, Predicate<Order> changesOrder, Consumer<Order> change) {
        String type = event.getClass().getSimpleName();
        Optional<Order> found = orders.findForUpdate(event.orderId());
        if (found.isEmpty()) {
            log.warn("Ignoring {} for unknown order {}", type, event.orderId());
            return;
        }
        Order order = found.get();
        if (!changesOrder.test(order)) {
            log.debug("Ignoring {} for order {}: it changes nothing in status {}", type, order.orderId(),
                    order.status());
            return;
        }
        change.accept(order);
    }
}
