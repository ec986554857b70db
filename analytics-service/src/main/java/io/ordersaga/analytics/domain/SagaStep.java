package io.ordersaga.analytics.domain;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import java.util.Optional;

/**
 * How far an order got in the saga, as seen on the event stream: placed → reserved → paid → completed, or
 * cancelled from any step. Events of one order arrive from four topics and may be processed out of order, so a
 * step only ever moves forward, and a terminal step never changes.
 */
public enum SagaStep {
    PLACED(1),
    RESERVED(2),
    PAID(3),
    COMPLETED(4),
    CANCELLED(4);

    private final int rank;

    SagaStep(int rank) {
        this.rank = rank;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** The step an event proves an order has reached; compensations and failures prove none. */
    public static Optional<SagaStep> reachedBy(SagaEvent event) {
        if (event instanceof OrderPlaced) {
            return Optional.of(PLACED);
        }
        if (event instanceof InventoryReserved) {
            return Optional.of(RESERVED);
        }
        if (event instanceof PaymentCompleted) {
            return Optional.of(PAID);
        }
        if (event instanceof OrderCompleted) {
            return Optional.of(COMPLETED);
        }
        if (event instanceof OrderCancelled) {
            return Optional.of(CANCELLED);
        }
        return Optional.empty();
    }

    /** The step after also having seen {@code reached}: the further of the two, and a terminal step sticks. */
    public static SagaStep advance(SagaStep current, SagaStep reached) {
        if (current == null) {
            return reached;
        }
        if (reached == null || current.isTerminal()) {
            return current;
        }
        return reached.rank > current.rank ? reached : current;
    }
}
