package io.ordersaga.order.application;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderRepository;
import io.ordersaga.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancellations that no saga event causes: the customer's, and the saga deadline's. Both publish OrderCancelled in
 * the saga's own correlation (kept on the order), so the compensations and the timeline stay one saga; the
 * participants undo their part, and remember the cancellation for events that are still on their way.
 */
@Service
public class CancellationService {

    private static final Logger log = LoggerFactory.getLogger(CancellationService.class);

    private final OrderRepository orders;
    private final EventPublisher events;

    public CancellationService(OrderRepository orders, EventPublisher events) {
        this.orders = orders;
        this.events = events;
    }

    /**
     * CANCELLED (CUSTOMER_REQUESTED) and OrderCancelled, for any order that is not COMPLETED. An order that is
     * CANCELLED already is answered as it is: cancelling is idempotent.
     *
     * @throws NotFoundException for an unknown order
     * @throws ConflictException for a COMPLETED order
     */
    @Transactional
    public Order cancelOnCustomerRequest(UUID orderId) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        MessageContext.attachOrder(orderId.toString());
        if (order.status() == OrderStatus.COMPLETED) {
            throw new ConflictException("Order " + orderId + " is COMPLETED; a completed order cannot be cancelled");
        }
        if (order.cancelOnCustomerRequest()) {
            String requestId = MessageContext.current().map(MessageContext.Current::causationId)
                    .orElseGet(() -> UUID.randomUUID().toString());
            announce(order, requestId);
        } else {
            log.info("Order {} is cancelled already ({}); nothing to do", orderId, order.cancellationReason());
        }
        return order;
    }

    /**
     * CANCELLED (TIMED_OUT) and OrderCancelled for up to {@code limit} orders placed before {@code cutoff} that are
     * still not terminal. Runs in one short transaction holding only those orders' rows, which other instances
     * skip; the caller repeats until fewer than {@code limit} come back.
     *
     * @return the ids of the orders this call cancelled
     */
    @Transactional
    public List<UUID> cancelOverdue(Instant cutoff, int limit) {
        List<Order> overdue = orders.lockOverdue(cutoff, limit);
        // The deadline, not an event or request, causes these cancellations: one id names this sweep.
        String sweepId = UUID.randomUUID().toString();
        for (Order order : overdue) {
            order.timeOut();
            announce(order, sweepId);
        }
        return overdue.stream().map(Order::orderId).toList();
    }

    private void announce(Order order, String causationId) {
        MessageContext.Current saga = new MessageContext.Current(order.correlationId(), causationId,
                order.orderId().toString());
        MessageContext.runWith(saga, () -> events.publish(
                new OrderCancelled(order.orderId(), order.customerId(), order.cancellationReason())));
    }
}
