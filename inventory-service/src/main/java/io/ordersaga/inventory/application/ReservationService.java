package io.ordersaga.inventory.application;

import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.Money;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.inventory.domain.OrderedItems;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ProductRepository;
import io.ordersaga.inventory.domain.Reservation;
import io.ordersaga.inventory.domain.ReservationRejection;
import io.ordersaga.inventory.domain.ReservationRepository;
import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.web.NotFoundException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.SessionCheckMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga side of inventory: reserve an order's stock, release it (compensation) or ship it. Each method runs in
 * the inbox's transaction, first takes the order's lock and then the products' row locks in SKU order, and acts
 * only when the reservation's state allows it, so a late, repeated or racing event changes nothing.
 */
@Service
public class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final ReservationRepository reservations;
    private final ProductRepository products;
    private final EventPublisher events;
    private final Clock clock;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;

    public ReservationService(ReservationRepository reservations, ProductRepository products, EventPublisher events,
                              Clock clock, EntityManager entityManager, JdbcTemplate jdbc) {
        this.reservations = reservations;
        this.products = products;
        this.events = events;
        this.clock = clock;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /**
     * Before a batch of events is handled in one transaction: the order locks of all its orders, then the product
     * locks of all the stock they can touch, each in ascending order and in one statement. Two batches then never
     * hold what the other waits for. The handlers that follow find the locks held ({@link HeldLocks}) and do not ask
     * again; with the batch's persistence context kept ({@code persistence-context: per-batch}) they also find the
     * locked products and the existing reservations loaded here without a query.
     */
    @Transactional
    public void lockForBatch(List<SagaEvent> batch) {
        Set<String> skus = new TreeSet<>();
        Set<UUID> others = new TreeSet<>();
        Set<String> orders = new TreeSet<>();
        for (SagaEvent event : batch) {
            orders.add(event.orderId().toString());
            if (event instanceof OrderPlaced placed) {
                placed.items().forEach(line -> skus.add(line.sku()));
            } else {
                others.add(event.orderId());
            }
        }
        HeldLocks held = HeldLocks.current();
        AdvisoryLocks.lockAll(jdbc, ReservationRepository.ORDER_LOCK_NAMESPACE, orders);
        held.heldOrders(orders);
        if (!others.isEmpty()) {
            reservations.findAllById(others).forEach(reservation -> skus.addAll(reservation.skus()));
        }
        if (!skus.isEmpty()) {
            products.lockAllBySkuIn(skus);
            held.heldProducts(skus);
        }
    }

    /** OrderPlaced: reserve every line or none → InventoryReserved or InventoryReservationFailed. */
    @Transactional
    public void reserve(OrderPlaced placed) {
        UUID orderId = placed.orderId();
        lockOrder(orderId);
        Optional<Reservation> existing = reservations.findById(orderId);
        if (existing.isPresent()) {
            log.info("Order {} already has a {} reservation; ignoring OrderPlaced", orderId, existing.get().status());
            return;
        }
        OrderedItems items = OrderedItems.of(placed.items(), OrderLine::sku, OrderLine::quantity);
        Map<String, Product> locked = lock(items.skus());
        Optional<ReservationRejection> rejection = ReservationRejection.check(items, locked);
        if (rejection.isPresent()) {
            ReservationRejection why = rejection.get();
            reservations.save(Reservation.rejected(orderId, placed.customerId(), why.reason(), clock.instant()));
            events.publish(new InventoryReservationFailed(orderId, ReservationFailureReason.valueOf(why.reason().name()),
                    why.skus()));
            log.debug("Could not reserve order {}: {} {}", orderId, why.reason(), why.skus());
            return;
        }
        Reservation reservation = reservations.save(
                Reservation.reserve(orderId, placed.customerId(), items, locked, clock.instant()));
        events.publish(new InventoryReserved(orderId, reservation.customerId(),
                reservation.lines().stream().map(line -> new PricedLine(line.sku(), line.quantity(), line.unitPrice()))
                        .toList(),
                reservation.totalAmount(), Money.DEFAULT_CURRENCY));
        log.debug("Reserved order {}: {} for {}", orderId, reservation.lines(), reservation.totalAmount());
    }

    /** PaymentFailed: give the stock back. */
    @Transactional
    public void release(PaymentFailed failed) {
        releaseIfReserved(failed.orderId(), "PaymentFailed");
    }

    /** ShipmentFailed: give the stock back. */
    @Transactional
    public void release(ShipmentFailed failed) {
        releaseIfReserved(failed.orderId(), "ShipmentFailed");
    }

    /**
     * OrderCancelled: give the stock back; for an order inventory never saw placed, leave a tombstone so its
     * OrderPlaced, should it still come, reserves nothing. Stock already shipped comes back too: a cancelled order
     * was never completed, so its shipment was scheduled just as the order was cancelled (ShipmentScheduled reached
     * inventory first), and shipping cancels that shipment.
     */
    @Transactional
    public void release(OrderCancelled cancelled) {
        UUID orderId = cancelled.orderId();
        Optional<Reservation> found = releaseIfReserved(orderId, "OrderCancelled");
        if (found.isEmpty()) {
            reservations.save(Reservation.cancelledBeforePlacement(orderId, cancelled.customerId(), clock.instant()));
            log.info("Order {} cancelled before it was placed here; recorded a released tombstone", orderId);
        } else if (found.get().isShipped()) {
            Reservation reservation = found.get();
            reservation.returnShipment(lock(reservation.skus()), clock.instant());
            events.publish(new InventoryReleased(orderId,
                    reservation.lines().stream().map(line -> new OrderLine(line.sku(), line.quantity())).toList()));
            log.info("OrderCancelled for order {} after its shipment was scheduled: the shipment is cancelled, "
                    + "returned {} to stock", orderId, reservation.lines());
        }
    }

    /** ShipmentScheduled: reserved stock becomes shipped. Publishes nothing. */
    @Transactional
    public void ship(ShipmentScheduled scheduled) {
        UUID orderId = scheduled.orderId();
        lockOrder(orderId);
        Optional<Reservation> found = reservations.findById(orderId);
        if (found.isEmpty() || !found.get().isReserved()) {
            log.warn("Ignoring ShipmentScheduled for order {}: reservation is {}", orderId,
                    found.map(r -> r.status().toString()).orElse("absent"));
            return;
        }
        Reservation reservation = found.get();
        reservation.ship(lock(reservation.skus()), clock.instant());
        log.debug("Shipped order {}: {}", orderId, reservation.lines());
    }

    @Transactional(readOnly = true)
    public Reservation get(UUID orderId) {
        return reservations.findById(orderId)
                .orElseThrow(() -> new NotFoundException("No reservation for order " + orderId));
    }

    /** @return the reservation as found (after releasing it when it was RESERVED), or empty when there is none */
    private Optional<Reservation> releaseIfReserved(UUID orderId, String trigger) {
        lockOrder(orderId);
        Optional<Reservation> found = reservations.findById(orderId);
        if (found.isEmpty()) {
            log.debug("{} for order {}: no reservation to release", trigger, orderId);
            return found;
        }
        Reservation reservation = found.get();
        if (!reservation.isReserved()) {
            log.debug("{} for order {}: reservation is {}; nothing to release", trigger, orderId, reservation.status());
            return found;
        }
        reservation.release(lock(reservation.skus()), clock.instant());
        events.publish(new InventoryReleased(orderId,
                reservation.lines().stream().map(line -> new OrderLine(line.sku(), line.quantity())).toList()));
        log.debug("{} for order {}: released {}", trigger, orderId, reservation.lines());
        return found;
    }

    /** The order's lock, unless this transaction holds it already. */
    private void lockOrder(UUID orderId) {
        HeldLocks held = HeldLocks.current();
        String id = orderId.toString();
        if (!held.holdsOrder(id)) {
            reservations.lockOrder(id);
            held.heldOrders(List.of(id));
        }
    }

    /**
     * The products, locked: with one locking query, or, when this transaction holds their locks already, as they are
     * (from the persistence context when it kept them, else with a plain read: the row locks last until commit).
     */
    private Map<String, Product> lock(Collection<String> skus) {
        HeldLocks held = HeldLocks.current();
        List<Product> locked;
        if (held.holdsProducts(skus)) {
            locked = entityManager.unwrap(Session.class)
                    .findMultiple(Product.class, List.copyOf(skus), SessionCheckMode.ENABLED);
        } else {
            locked = products.lockAllBySkuIn(skus);
            held.heldProducts(skus);
        }
        return locked.stream().filter(Objects::nonNull)
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }
}
