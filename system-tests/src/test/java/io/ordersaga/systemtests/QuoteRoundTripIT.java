package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /orders/quote} end to end: a real order-service asks a real inventory-service over Kafka
 * ({@code quote.requests}, read by the group {@code inventory-service-quotes}; the answer on {@code quote.replies})
 * and answers with inventory's current prices and stock. order-service's {@code QuoteIT} covers the 504 when no
 * inventory answers, inventory-service's {@code QuoteIT} the answering side alone.
 */
class QuoteRoundTripIT extends SagaEdgeSupport {

    @Test
    void orderServiceAnswersWithInventorysCurrentPricesAndStockAndAQuoteReservesNothing() {
        String mug = product("MUG", "12.50", 5);
        String lamp = product("LAMP", "40.00", 1);
        String unknown = "UNKNOWN-" + run;

        JsonNode quote = quote(List.of(new Line(mug, 2), new Line(lamp, 2), new Line(unknown, 1)));

        // The total covers the known products; the quote is available only if every line is.
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("105.00");
        assertThat(quote.path("currency").asString()).isEqualTo("EUR");
        assertThat(quote.path("available").asBoolean()).isFalse();
        JsonNode lines = quote.path("lines");
        assertThat(lines).hasSize(3);
        assertLine(lines.get(0), mug, 2, "12.50", 5, true);
        assertLine(lines.get(1), lamp, 2, "40.00", 1, false);
        assertThat(lines.get(2).path("sku").asString()).isEqualTo(unknown);
        assertThat(lines.get(2).path("known").asBoolean()).isFalse();
        assertThat(lines.get(2).hasNonNull("unitPrice")).isFalse();
        assertThat(lines.get(2).path("inStock").asInt()).isZero();
        assertThat(lines.get(2).path("available").asBoolean()).isFalse();

        // Asked again after a restock, inventory answers from its stock of now, not from a copy.
        saga.restock(lamp, 1);
        JsonNode again = quote(List.of(new Line(mug, 2), new Line(lamp, 2)));
        assertThat(again.path("available").asBoolean()).isTrue();
        assertThat(again.path("total").decimalValue()).isEqualByComparingTo("105.00");
        assertLine(again.path("lines").get(1), lamp, 2, "40.00", 2, true);

        // A quote reserves nothing.
        assertThat(saga.product(mug).path("available").asInt()).isEqualTo(5);
        assertThat(saga.product(mug).path("reserved").asInt()).isZero();
        assertThat(saga.product(lamp).path("reserved").asInt()).isZero();
    }

    /**
     * The quote, once order-service answers 200. A 504 (inventory did not answer within order-service's 2 s) is asked
     * again: on a loaded machine the first request may reach an inventory that is still joining its group. A round
     * trip that never works fails the test after {@link #WAIT}.
     */
    private static JsonNode quote(List<Line> lines) {
        SagaClient.Response answer = await("a quote of " + lines).atMost(WAIT)
                .until(() -> saga.quote(lines), response -> response.status() != 504);
        assertThat(answer.status()).as("POST /orders/quote: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static void assertLine(JsonNode line, String sku, int quantity, String unitPrice, int inStock,
                                   boolean available) {
        assertThat(line.path("sku").asString()).isEqualTo(sku);
        assertThat(line.path("quantity").asInt()).isEqualTo(quantity);
        assertThat(line.path("known").asBoolean()).isTrue();
        assertThat(line.path("unitPrice").decimalValue()).isEqualByComparingTo(unitPrice);
        assertThat(line.path("inStock").asInt()).isEqualTo(inStock);
        assertThat(line.path("available").asBoolean()).as("%s available", sku).isEqualTo(available);
    }
}
