package io.ordersaga.inventory.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What an order asks inventory for: a quantity per SKU, with lines of the same SKU merged, in ascending SKU
 * order (the order in which products are locked).
 */
public final class OrderedItems {

    private final SortedMap<String, Integer> quantities;

    private OrderedItems(SortedMap<String, Integer> quantities) {
        this.quantities = Collections.unmodifiableSortedMap(quantities);
    }

    public static <T> OrderedItems of(Collection<T> lines, Function<T, String> sku, ToIntFunction<T> quantity) {
        SortedMap<String, Integer> merged = new TreeMap<>();
        for (T line : lines) {
            String key = Objects.requireNonNull(sku.apply(line), "sku");
            int amount = quantity.applyAsInt(line);
            if (amount <= 0) {
                throw new IllegalArgumentException("quantity of " + key + " must be positive, was " + amount);
            }
            merged.merge(key, amount, Math::addExact);
        }
        if (merged.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        return new OrderedItems(merged);
    }

    /** Quantity per SKU, in ascending SKU order. */
    public SortedMap<String, Integer> quantities() {
        return quantities;
    }

    public Collection<String> skus() {
        return quantities.keySet();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderedItems items && quantities.equals(items.quantities);
    }

    @Override
    public int hashCode() {
        return quantities.hashCode();
    }

    @Override
    public String toString() {
        return quantities.toString();
    }
}
