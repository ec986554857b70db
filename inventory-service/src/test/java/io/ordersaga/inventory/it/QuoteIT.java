package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.OrderLine;
import io.ordersaga.events.Quote;
import io.ordersaga.events.QuoteRequest;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.reply.RequestReply;
import io.ordersaga.messaging.reply.RequestReplyClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Request/reply over Kafka: inventory answers quote requests with today's prices and stock, reserving nothing. */
class QuoteIT extends AbstractInventoryIT {

    @Autowired RequestReply requestReply;
    private RequestReplyClient client;

    @BeforeEach
    void startClient() {
        client = requestReply.client(Topics.QUOTE_REPLIES, Duration.ofSeconds(20));
        client.start();
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    @Test
    void quotesPricesAndStockOfEveryLineAndReservesNothing() {
        String book = product("BOOK", "39.90", 5);
        String mug = product("MUG", "12.50", 1);
        String unknown = newSku("GHOST");

        Quote quote = client.request(Topics.QUOTE_REQUESTS, UUID.randomUUID().toString(),
                new QuoteRequest(List.of(new OrderLine(book, 2), new OrderLine(mug, 3), new OrderLine(unknown, 1))),
                Quote.class);

        assertThat(quote.total()).isEqualByComparingTo("117.30");
        assertThat(quote.currency()).isEqualTo("EUR");
        assertThat(quote.available()).isFalse();
        assertThat(quote.lines()).extracting(Quote.QuotedLine::sku, Quote.QuotedLine::known, Quote.QuotedLine::inStock,
                        Quote.QuotedLine::available)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(book, true, 5, true),
                        org.assertj.core.groups.Tuple.tuple(mug, true, 1, false),
                        org.assertj.core.groups.Tuple.tuple(unknown, false, 0, false));
        assertThat(products.findById(book).orElseThrow().available()).isEqualTo(5);
        assertThat(products.findById(book).orElseThrow().reserved()).isZero();
    }

    @Test
    void answersEveryRequestWithItsOwnReply() {
        String sku = product("PEN", "1.00", 100);

        List<Quote> quotes = java.util.stream.IntStream.rangeClosed(1, 5).parallel()
                .mapToObj(quantity -> client.request(Topics.QUOTE_REQUESTS, UUID.randomUUID().toString(),
                        new QuoteRequest(List.of(new OrderLine(sku, quantity))), Quote.class))
                .toList();

        assertThat(quotes).extracting(quote -> quote.total().intValue()).containsExactly(1, 2, 3, 4, 5);
    }

    private String product(String prefix, String price, int stock) {
        String sku = newSku(prefix);
        productService.create(sku, prefix, new java.math.BigDecimal(price), stock);
        return sku;
    }
}
