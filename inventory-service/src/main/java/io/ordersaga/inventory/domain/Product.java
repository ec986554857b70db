package io.ordersaga.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A product and its stock. Every unit is in exactly one of three places, so for each SKU
 * {@code initialStock + restocked = available + reserved + shipped} and {@code available >= 0} always hold
 * (the table checks both as well). Stock moves only through {@link #reserve}, {@link #release}, {@link #ship},
 * {@link #returnShipped} and {@link #restock}.
 */
@Entity
@Table(name = "product")
public class Product {

    public static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9-]{0,63}$";
    public static final Pattern SKU = Pattern.compile(SKU_PATTERN);
    public static final int MAX_NAME_LENGTH = 200;

    @Id
    private String sku;

    private String name;

    @Column(precision = 19, scale = 2)
    private BigDecimal unitPrice;

    private long available;
    private long reserved;
    private long shipped;
    private long initialStock;
    private long restocked;

    @Version
    private Long version;

    protected Product() {
        // for JPA
    }

    private Product(String sku, String name, BigDecimal unitPrice, long initialStock) {
        this.sku = sku;
        this.name = name;
        this.unitPrice = unitPrice;
        this.initialStock = initialStock;
        this.available = initialStock;
    }

    public static Product create(String sku, String name, BigDecimal unitPrice, long initialStock) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must match " + SKU.pattern());
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must not be blank nor longer than " + MAX_NAME_LENGTH);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.signum() <= 0 || unitPrice.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("unitPrice must be positive with at most 2 decimals");
        }
        if (initialStock < 0) {
            throw new IllegalArgumentException("initialStock must not be negative");
        }
        return new Product(sku, name.strip(), unitPrice.setScale(2, RoundingMode.UNNECESSARY), initialStock);
    }

    /** Moves {@code quantity} from available to reserved; refuses to reserve more than is available. */
    public void reserve(int quantity) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new InsufficientStockException(sku, quantity, available);
        }
        available -= quantity;
        reserved += quantity;
    }

    public boolean canReserve(int quantity) {
        return quantity <= available;
    }

    /** Gives reserved units back: reserved to available. */
    public void release(int quantity) {
        requirePositive(quantity);
        requireReserved(quantity, "release");
        reserved -= quantity;
        available += quantity;
    }

    /** Reserved units leave the warehouse: reserved to shipped. */
    public void ship(int quantity) {
        requirePositive(quantity);
        requireReserved(quantity, "ship");
        reserved -= quantity;
        shipped += quantity;
    }

    /**
     * Shipped units come back to the shelf because their shipment was cancelled before it left: shipped to
     * available.
     */
    public void returnShipped(int quantity) {
        requirePositive(quantity);
        if (quantity > shipped) {
            throw new IllegalStateException(
                    "Cannot return " + quantity + " of " + sku + ": only " + shipped + " shipped");
        }
        shipped -= quantity;
        available += quantity;
    }

    /** New units arrive: they become available at once. */
    public void restock(int quantity) {
        requirePositive(quantity);
        available = Math.addExact(available, quantity);
        restocked = Math.addExact(restocked, quantity);
    }

    /** Invariant 4 of DESIGN section 4 for this SKU. */
    public boolean isBalanced() {
        return available >= 0 && reserved >= 0 && shipped >= 0
                && initialStock + restocked == available + reserved + shipped;
    }

    private void requireReserved(int quantity, String move) {
        if (quantity > reserved) {
            throw new IllegalStateException(
                    "Cannot " + move + " " + quantity + " of " + sku + ": only " + reserved + " reserved");
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public long available() {
        return available;
    }

    public long reserved() {
        return reserved;
    }

    public long shipped() {
        return shipped;
    }

    public long initialStock() {
        return initialStock;
    }

    public long restocked() {
        return restocked;
    }
}
