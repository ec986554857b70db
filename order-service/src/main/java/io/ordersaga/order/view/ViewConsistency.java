package io.ordersaga.order.view;

import io.ordersaga.order.domain.OrderRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the views: waits, up to a timeout, until the Order Summary of an order shows the status the
 * write side has for it now. A client that just placed or cancelled an order passes that order's id.
 */
@Component
class ViewConsistency {

    private static final Duration POLL = Duration.ofMillis(20);

    private final OrderRepository orders;
    private final OrderViews views;

    ViewConsistency(OrderRepository orders, OrderViews views) {
        this.orders = orders;
        this.views = views;
    }

    /** Whether the views caught up with the order before the timeout; an order the write side lacks never does. */
    boolean awaitCaughtUp(UUID orderId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (caughtUp(orderId)) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean caughtUp(UUID orderId) {
        return orders.findById(orderId)
                .flatMap(order -> views.order(orderId).map(view -> view.status().equals(order.status().name())))
                .orElse(false);
    }
}
