package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * The customer's account could not be charged; nothing was charged.
 *
 * <p>Emitted by payment-service in reaction to {@link InventoryReserved}. Consumed by inventory-service
 * (release the reservation) and by order-service (CANCELLED, PAYMENT_DECLINED).
 *
 * @param reason a short machine-readable reason, for example {@code INSUFFICIENT_FUNDS} or {@code UNKNOWN_ACCOUNT}
 */
public record PaymentFailed(UUID orderId, String customerId, BigDecimal amount, String currency, String reason)
        implements SagaEvent {

    public PaymentFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
        amount = Money.amount(amount, "amount");
    }
}
