package io.ordersaga.inventory.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an order cannot be reserved as a whole, and which SKUs are to blame. Unknown SKUs win over shortages: an
 * order naming a product that does not exist is wrong whatever the stock.
 */
public record ReservationRejection(RejectionReason reason, List<String> skus) {

    public ReservationRejection {
        Objects.requireNonNull(reason, "reason");
        skus = List.copyOf(skus);
        if (skus.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one SKU");
        }
    }

    /**
     * Checks every line against the products found for it, changing nothing.
     *
     * @param products the products that exist among the ordered SKUs, by SKU
     * @return empty when every line can be reserved
     */
    public static Optional<ReservationRejection> check(OrderedItems items, Map<String, Product> products) {
        List<String> unknown = items.skus().stream().filter(sku -> !products.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            return Optional.of(new ReservationRejection(RejectionReason.UNKNOWN_PRODUCT, unknown));
        }
        List<String> shortOfStock = items.quantities().entrySet().stream()
                .filter(line -> !products.get(line.getKey()).canReserve(line.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (!shortOfStock.isEmpty()) {
            return Optional.of(new ReservationRejection(RejectionReason.OUT_OF_STOCK, shortOfStock));
        }
        return Optional.empty();
    }
}
