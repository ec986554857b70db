package io.ordersaga.order.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.messaging.testing.ApiDocsCoverage;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.TransactionsOnThread;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class OrderApiIT extends IntegrationTestSupport {

    private static final String BODY = """
            {"customerId": "%s",
             "items": [{"sku": "BOOK-EDA", "quantity": 2}, {"sku": "MUG", "quantity": 1}],
             "shippingAddress": {"name": "Alice", "street": "1 Main St", "city": "Berlin",
                                 "postalCode": "10115", "country": "DE"}}""";

    @Autowired MockMvc mvc;
    @Autowired TransactionsOnThread transactions;

    /**
     * The hot path: placing an order is one transaction (the order, its lines and its outbox row), and answering it
     * adds none; a read-only transaction per POST only to learn that a PENDING order waits on inventory was one
     * more connection checkout, BEGIN and COMMIT an order.
     */
    @Test
    void placingAnOrderOverHttpTakesOneTransaction() throws Exception {
        List<String> begun = transactions.begunBy(() -> mvc.perform(post("/orders")
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted("bob")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.waitingOn[0].service").value("inventory-service")));

        assertThat(begun).containsExactly("io.ordersaga.order.application.OrderService.placeOrder");
    }

    @Test
    void placedOrderIsPublishedAsOrderPlacedCarryingTheRequestsCorrelationId() throws Exception {
        String correlationId = "it-" + UUID.randomUUID();

        MvcResult result = mvc.perform(post("/orders").header("X-Correlation-Id", correlationId)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted("alice")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn();
        String location = result.getResponse().getHeader("Location");
        assertThat(location).matches("/orders/[0-9a-f-]{36}");
        UUID orderId = UUID.fromString(location.substring("/orders/".length()));

        List<EventEnvelope<OrderPlaced>> placed = sent(orderId, OrderPlaced.class);
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).metadata().correlationId()).isEqualTo(correlationId);
        assertThat(placed.get(0).metadata().causationId())
                .isEqualTo(result.getResponse().getHeader("X-Request-Id"));
        assertThat(placed.get(0).data()).isEqualTo(new OrderPlaced(orderId, "alice",
                List.of(new OrderLine("BOOK-EDA", 2), new OrderLine("MUG", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE")));
        assertThat(repository.findById(orderId).orElseThrow().correlationId()).isEqualTo(correlationId);

        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.items[1].sku").value("MUG"))
                .andExpect(jsonPath("$.shippingAddress.postalCode").value("10115"));
    }

    @Test
    void placedOrderWithoutCorrelationHeaderStartsASagaOfItsOwn() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted("bob")))
                .andExpect(status().isCreated())
                .andReturn();
        UUID orderId = UUID.fromString(result.getResponse().getHeader("Location").substring("/orders/".length()));
        String correlationId = result.getResponse().getHeader("X-Correlation-Id");

        assertThat(correlationId).isNotBlank();
        assertThat(sent(orderId, OrderPlaced.class)).singleElement()
                .satisfies(placed -> assertThat(placed.metadata().correlationId()).isEqualTo(correlationId));
    }

    @Test
    void listsACustomersOrdersNewestFirstFilteredByStatus() throws Exception {
        String customer = "lister-" + UUID.randomUUID();
        Order first = placeOrder(customer);
        Order second = placeOrder(customer);
        Order third = placeOrder(customer);
        kafka.send(new PaymentFailed(second.orderId(), customer, TOTAL, "EUR", "INSUFFICIENT_FUNDS"));
        awaitStatus(second.orderId(), OrderStatus.CANCELLED);

        mvc.perform(get("/orders").param("customerId", customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[0].orderId").value(third.orderId().toString()))
                .andExpect(jsonPath("$.content[1].orderId").value(second.orderId().toString()))
                .andExpect(jsonPath("$.content[2].orderId").value(first.orderId().toString()));
        mvc.perform(get("/orders").param("customerId", customer).param("status", "CANCELLED"))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].cancellationReason").value("PAYMENT_DECLINED"));
        mvc.perform(get("/orders").param("customerId", customer).param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].orderId").value(first.orderId().toString()));
        mvc.perform(get("/orders").param("status", "PENDING"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].status").value("PENDING"));
        mvc.perform(get("/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(20));
    }

    @Test
    void answersProblemsForUnknownAndMalformedOrderIds() throws Exception {
        mvc.perform(get("/orders/{id}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        mvc.perform(get("/orders/{id}", "42"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    /** {@code /v3/api-docs} lists every endpoint this service maps (see {@link ApiDocsCoverage}). */
    @Test
    void openApiDocumentListsEveryEndpoint(@Autowired ApplicationContext context) throws Exception {
        ApiDocsCoverage.assertDocumentListsEveryEndpoint(context, mvc);
    }

    /** The default bound on request bodies (ordersaga.web.max-request-body). */
    private static final int LIMIT = 64 * 1024;

    /** A valid order body padded with trailing whitespace to exactly {@code size} bytes. */
    private static byte[] orderOfSize(int size) {
        String body = BODY.formatted("big");
        return (body + " ".repeat(size - body.length())).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOneByteOverTheLimitIsRefusedAs413AndPlacesNoOrder() throws Exception {
        long before = repository.count();

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(orderOfSize(LIMIT + 1)))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.title").value("Request body too large"))
                .andExpect(jsonPath("$.detail").value(containsString(LIMIT + " bytes")))
                .andExpect(jsonPath("$.trace").doesNotExist());

        assertThat(repository.count()).isEqualTo(before);
    }

    /** Without a Content-Length (a chunked upload) the body is counted while read and refused past the limit. */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedAs413WhileReadAndPlacesNoOrder() throws Exception {
        long before = repository.count();

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Transfer-Encoding", "chunked")
                        .with(request -> withoutContentLength(request, orderOfSize(3 * 1024 * 1024))))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.title").value("Request body too large"))
                .andExpect(jsonPath("$.detail").value(containsString(LIMIT + " bytes")));

        assertThat(repository.count()).isEqualTo(before);
    }

    /** The admin endpoints get the same bound: a corrected dead-letter payload cannot be a flood either. */
    @Test
    void anAdminBodyOverTheLimitIsRefusedAs413() throws Exception {
        byte[] corrected = ("{\"payload\": \"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        mvc.perform(post("/admin/dead-letters/orders/0/1/replay").contentType(MediaType.APPLICATION_JSON)
                        .with(ApiAccess.admin()).content(corrected))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        mvc.perform(post("/admin/dead-letters/orders/0/1/replay").contentType(MediaType.APPLICATION_JSON)
                        .with(ApiAccess.admin())
                        .with(request -> withoutContentLength(request, corrected)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.detail").value(containsString(LIMIT + " bytes")));
    }

    @Test
    void aBodyExactlyAtTheLimitIsNotRefusedForItsSize() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(orderOfSize(LIMIT)))
                .andExpect(status().isCreated());
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Transfer-Encoding", "chunked")
                        .with(request -> withoutContentLength(request, orderOfSize(LIMIT))))
                .andExpect(status().isCreated());
    }

    /** MockMvc always declares the length of the content it was given; a chunked request declares none. */
    private static MockHttpServletRequest withoutContentLength(
            MockHttpServletRequest request, byte[] body) {
        MockHttpServletRequest chunked =
                new MockHttpServletRequest(request.getServletContext(),
                        request.getMethod(), request.getRequestURI()) {
                    @Override
                    public int getContentLength() {
                        return -1;
                    }

                    @Override
                    public long getContentLengthLong() {
                        return -1;
                    }
                };
        request.getHeaderNames().asIterator().forEachRemaining(name -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                request.getHeaders(name).asIterator().forEachRemaining(value -> chunked.addHeader(name, value));
            }
        });
        chunked.setContent(body);
        return chunked;
    }
}
