package io.ordersaga.events;

import java.util.List;
import java.util.Objects;

/**
 * A question, not an event: "what would these lines cost, and are they in stock?". Sent by order-service
 * ({@code POST /orders/quote}) to {@link Topics#QUOTE_REQUESTS}; inventory-service answers with a {@link Quote} on
 * {@link Topics#QUOTE_REPLIES}. A quote reserves nothing.
 */
public record QuoteRequest(List<OrderLine> lines) {

    public QuoteRequest {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines must not be empty");
        }
    }
}
