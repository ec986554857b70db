package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * The customer's account was charged for an order.
 *
 * <p>Emitted by payment-service in reaction to {@link InventoryReserved}. Consumed by shipping-service
 * (schedule the shipment once the address is known) and by order-service (status PAID).
 */
public record PaymentCompleted(UUID orderId, String customerId, UUID paymentId, BigDecimal amount, String currency)
        implements SagaEvent {

    public PaymentCompleted {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        amount = Money.amount(amount, "amount");
    }
}
