package io.ordersaga.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.util.Objects;

/** One reserved SKU of an order, at the unit price it had when it was reserved. Immutable. */
@Embeddable
public class ReservationLine {

    private String sku;
    private int quantity;

    @Column(precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected ReservationLine() {
        // for JPA
    }

    ReservationLine(String sku, int quantity, BigDecimal unitPrice) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.quantity = quantity;
        this.unitPrice = Objects.requireNonNull(unitPrice, "unitPrice");
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReservationLine line && sku.equals(line.sku) && quantity == line.quantity
                && unitPrice.compareTo(line.unitPrice) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku, quantity);
    }

    @Override
    public String toString() {
        return quantity + " x " + sku + " @ " + unitPrice;
    }
}
