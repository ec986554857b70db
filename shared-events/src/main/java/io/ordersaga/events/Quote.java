package io.ordersaga.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * inventory-service's answer to a {@link QuoteRequest}: today's price and stock of each line. {@code total} covers
 * the known products; {@code available} is true when every product is known and in stock in the asked quantity.
 */
public record Quote(List<QuotedLine> lines, BigDecimal total, String currency, boolean available) {

    public Quote {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(currency, "currency");
        total = Money.amount(total, "total");
    }

    /**
     * @param unitPrice     the current price, or {@code null} for an unknown product
     * @param inStock       how many units are available now (0 for an unknown product)
     */
    public record QuotedLine(String sku, int quantity, boolean known, @OptionalField BigDecimal unitPrice,
                             int inStock, boolean available) {
    }
}
