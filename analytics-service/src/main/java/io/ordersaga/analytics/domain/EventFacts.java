package io.ordersaga.analytics.domain;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import java.util.Optional;

/** Facts that several event types carry under different names. */
public final class EventFacts {

    private EventFacts() {
    }

    /** The customer an event names; inventory releases and shipping events name none. */
    public static Optional<String> customerOf(SagaEvent event) {
        if (event instanceof OrderPlaced placed) {
            return Optional.of(placed.customerId());
        }
        if (event instanceof InventoryReserved reserved) {
            return Optional.of(reserved.customerId());
        }
        if (event instanceof PaymentCompleted paid) {
            return Optional.of(paid.customerId());
        }
        if (event instanceof PaymentFailed failed) {
            return Optional.of(failed.customerId());
        }
        if (event instanceof PaymentRefunded refunded) {
            return Optional.of(refunded.customerId());
        }
        if (event instanceof OrderCompleted completed) {
            return Optional.of(completed.customerId());
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(cancelled.customerId());
        }
        return Optional.empty();
    }
}
