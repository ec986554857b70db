package io.ordersaga.inventory.adapter.web;

import io.ordersaga.events.Money;
import io.ordersaga.inventory.domain.Product;
import java.math.BigDecimal;

/** A product with its stock: {@code initialStock + restocked = available + reserved + shipped}. */
public record ProductResponse(String sku, String name, BigDecimal unitPrice, String currency, long available,
                              long reserved, long shipped, long initialStock, long restocked) {

    static ProductResponse of(Product product) {
        return new ProductResponse(product.sku(), product.name(), product.unitPrice(), Money.DEFAULT_CURRENCY,
                product.available(), product.reserved(), product.shipped(), product.initialStock(),
                product.restocked());
    }
}
