package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * An order finished its saga successfully: reserved, paid and scheduled for shipping.
 *
 * <p>Emitted by order-service in reaction to {@link ShipmentScheduled}. No saga participant reacts; read
 * models and analytics do.
 */
public record OrderCompleted(UUID orderId, String customerId, BigDecimal totalAmount, String currency)
        implements SagaEvent {

    public OrderCompleted {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        totalAmount = Money.amount(totalAmount, "totalAmount");
    }
}
