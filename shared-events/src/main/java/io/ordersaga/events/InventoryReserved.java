package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Inventory reserved every line of an order and priced it.
 *
 * <p>Emitted by inventory-service in reaction to {@link OrderPlaced}. Consumed by payment-service (charge
 * {@code totalAmount}) and by order-service (status INVENTORY_RESERVED, record the total).
 */
public record InventoryReserved(UUID orderId, String customerId, List<PricedLine> lines, BigDecimal totalAmount,
                                String currency) implements SagaEvent {

    public InventoryReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        totalAmount = Money.amount(totalAmount, "totalAmount");
    }
}
