package io.ordersaga.order.quote;

import io.ordersaga.events.OrderLine;
import io.ordersaga.events.Quote;
import io.ordersaga.events.QuoteRequest;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.reply.RequestReplyClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders/quote}: asks inventory-service for the current price and availability of the lines, over
 * Kafka request/reply, and answers within the configured timeout or with 504. A quote reserves nothing.
 */
@RestController
class QuoteController {

    private final RequestReplyClient inventory;

    QuoteController(RequestReplyClient quoteClient) {
        this.inventory = quoteClient;
    }

    record QuoteItem(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record QuoteBody(@NotEmpty @Size(max = 50) List<@Valid @NotNull QuoteItem> items) {
    }

    @PostMapping("/orders/quote")
    Quote quote(@Valid @RequestBody QuoteBody body) {
        QuoteRequest request = new QuoteRequest(body.items().stream()
                .map(item -> new OrderLine(item.sku(), item.quantity())).toList());
        return inventory.request(Topics.QUOTE_REQUESTS, UUID.randomUUID().toString(), request, Quote.class);
    }
}
