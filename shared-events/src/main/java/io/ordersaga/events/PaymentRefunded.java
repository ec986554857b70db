package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * A charge was paid back to the customer (a compensation).
 *
 * <p>Emitted by payment-service in reaction to {@link ShipmentFailed} or {@link OrderCancelled}, only when the
 * order had an unrefunded charge. No saga participant reacts; it closes the order's timeline.
 */
public record PaymentRefunded(UUID orderId, String customerId, UUID paymentId, BigDecimal amount, String currency)
        implements SagaEvent {

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        amount = Money.amount(amount, "amount");
    }
}
