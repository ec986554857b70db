package io.ordersaga.shipping.application;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.shipping.domain.DeliveryAddress;
import io.ordersaga.shipping.domain.OrderItem;
import io.ordersaga.shipping.domain.ServiceArea;
import io.ordersaga.shipping.domain.Shipment;
import io.ordersaga.shipping.domain.ShipmentRepository;
import io.ordersaga.shipping.domain.ShipmentStatus;
import io.ordersaga.shipping.domain.ShippingOrder;
import io.ordersaga.shipping.domain.ShippingOrderRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipping's use cases. Every event handler first takes the order's join row with
 * {@link ShippingOrderRepository#lockOrCreate}, so the handlers of one order never interleave, whichever topic
 * their events came from. Whichever fact arrives last ships the order.
 */
@Service
public class ShippingService {

    private static final Logger log = LoggerFactory.getLogger(ShippingService.class);

    private final ShippingOrderRepository orders;
    private final ShipmentRepository shipments;
    private final ServiceArea serviceArea;
    private final EventPublisher events;
    private final Clock clock;

    public ShippingService(ShippingOrderRepository orders, ShipmentRepository shipments, ServiceArea serviceArea,
                           EventPublisher events, Clock clock) {
        this.orders = orders;
        this.shipments = shipments;
        this.serviceArea = serviceArea;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Before a batch of events is handled in one transaction: creates the join rows its orders still lack and locks
     * them all, in ascending id order, in two statements. Each handler then finds its row locked and loaded
     * ({@code persistence-context: per-batch}) instead of inserting and locking it again, and the batch's changes go
     * to the database together at commit, in JDBC batches.
     */
    @Transactional
    public void lockForBatch(List<SagaEvent> batch) {
        orders.lockOrCreateAll(batch.stream().map(SagaEvent::orderId)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Transactional
    public void onOrderPlaced(OrderPlaced placed) {
        ShippingOrder order = orders.lockOrCreate(placed.orderId());
        ShippingAddress to = placed.shippingAddress();
        List<OrderItem> items = placed.items().stream().map(line -> new OrderItem(line.sku(), line.quantity())).toList();
        if (!order.recordPlacement(placed.customerId(),
                new DeliveryAddress(to.name(), to.street(), to.city(), to.postalCode(), to.country()), items,
                clock.instant())) {
            log.info("Order {} was already placed; ignoring the repeated OrderPlaced", placed.orderId());
            return;
        }
        shipIfReady(order);
    }

    @Transactional
    public void onPaymentCompleted(PaymentCompleted paid) {
        ShippingOrder order = orders.lockOrCreate(paid.orderId());
        if (!order.recordPayment(paid.paymentId(), clock.instant())) {
            log.info("Order {} was already paid by {}; ignoring PaymentCompleted {}", paid.orderId(),
                    order.paymentId(), paid.paymentId());
            return;
        }
        shipIfReady(order);
    }

    /** Stops a SCHEDULED shipment, or makes sure the order is never shipped when none exists yet. */
    @Transactional
    public void onOrderCancelled(OrderCancelled cancelled) {
        ShippingOrder order = orders.lockOrCreate(cancelled.orderId());
        order.cancel(clock.instant());
        // By id through the order, not by a query on order_id: in a batch the shipment may have been created by an
        // earlier record and not yet flushed (the batch flushes at commit), and find() sees it where a query would not.
        Optional<Shipment> shipment = Optional.ofNullable(order.shipmentId()).flatMap(shipments::findById);
        if (shipment.isEmpty()) {
            log.debug("Order {} cancelled ({}) before shipping; it will not be shipped", cancelled.orderId(),
                    cancelled.reason());
        } else if (shipment.get().isCancellable()) {
            shipment.get().cancel(clock.instant());
            log.debug("Cancelled shipment {} of order {} ({})", shipment.get().shipmentId(), cancelled.orderId(),
                    cancelled.reason());
        } else {
            log.debug("Shipment {} of cancelled order {} is already {}", shipment.get().shipmentId(),
                    cancelled.orderId(), shipment.get().status());
        }
    }

    @Transactional(readOnly = true)
    public Optional<Shipment> shipment(UUID shipmentId) {
        return shipments.findById(shipmentId);
    }

    @Transactional(readOnly = true)
    public List<Shipment> shipmentsOfOrder(UUID orderId) {
        return shipments.findByOrderId(orderId).stream().toList();
    }

    /** The customer of an order shipping has heard of (from OrderPlaced), for the API's ownership check. */
    @Transactional(readOnly = true)
    public Optional<String> customerOf(UUID orderId) {
        return orders.findById(orderId).map(ShippingOrder::customerId);
    }

    @Transactional(readOnly = true)
    public List<Shipment> shipmentsWithStatus(ShipmentStatus status) {
        return shipments.findByStatusOrderByCreatedAtAsc(status);
    }

    private void shipIfReady(ShippingOrder order) {
        if (!order.isReadyToShip()) {
            log.debug("Order {} not shipped yet: placed={}, paid={}, cancelled={}", order.orderId(), order.isPlaced(),
                    order.isPaid(), order.isCancelled());
            return;
        }
        Shipment shipment = shipments.save(order.ship(serviceArea, clock.instant()));
        if (shipment.status() == ShipmentStatus.SCHEDULED) {
            log.debug("Scheduled shipment {} ({}) of order {} to {}", shipment.shipmentId(), shipment.trackingNumber(),
                    order.orderId(), shipment.country());
            events.publish(new ShipmentScheduled(order.orderId(), shipment.shipmentId(), shipment.trackingNumber(),
                    shipment.country()));
        } else {
            log.debug("Shipment of order {} failed: {} {}", order.orderId(), shipment.failureReason(),
                    shipment.country());
            events.publish(new ShipmentFailed(order.orderId(), shipment.country(), shipment.failureReason().name()));
        }
    }
}
