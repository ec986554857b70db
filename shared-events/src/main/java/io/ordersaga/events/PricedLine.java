package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.Objects;

/** An order line with the unit price inventory reserved it at. */
public record PricedLine(String sku, int quantity, BigDecimal unitPrice) {

    public PricedLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        unitPrice = Money.amount(unitPrice, "unitPrice");
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
