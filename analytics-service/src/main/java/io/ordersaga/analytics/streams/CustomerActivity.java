package io.ordersaga.analytics.streams;

import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * What the per-customer windows need of an event, repartitioned by customerId.
 *
 * @param amount the order's total when {@code kind} is COMPLETED
 */
record CustomerActivity(Kind kind, String customerId, UUID orderId, BigDecimal amount) {

    enum Kind { PLACED, COMPLETED }

    static Optional<CustomerActivity> of(SagaEvent event) {
        if (event instanceof OrderPlaced placed) {
            return Optional.of(new CustomerActivity(Kind.PLACED, placed.customerId(), placed.orderId(), null));
        }
        if (event instanceof OrderCompleted completed) {
            return Optional.of(new CustomerActivity(Kind.COMPLETED, completed.customerId(), completed.orderId(),
                    completed.totalAmount()));
        }
        return Optional.empty();
    }
}
