package io.ordersaga.order.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.PricedLine;
import io.ordersaga.order.application.CancellationService;
import io.ordersaga.order.application.IdempotencyKeyReusedException;
import io.ordersaga.order.application.OrderService;
import io.ordersaga.order.application.Placement;
import io.ordersaga.order.application.SagaBacklogFullException;
import io.ordersaga.order.application.TimelineService;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.TimelineEvent;
import io.ordersaga.order.application.PlaceOrderCommand;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderLine;
import io.ordersaga.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

@WebMvcTest(OrderController.class)
@Import(ReadModels.class)
class OrderControllerTest {

    private static final String VALID = """
            {"customerId": "alice",
             "items": [{"sku": "BOOK-EDA", "quantity": 2}, {"sku": "MUG", "quantity": 1}],
             "shippingAddress": {"name": "Alice", "street": "1 Main St", "city": "Berlin",
                                 "postalCode": "10115", "country": "DE"}}""";

    @Autowired MockMvc mvc;
    @MockitoBean OrderService orders;
    @MockitoBean CancellationService cancellations;
    @MockitoBean TimelineService timeline;

    @Test
    void placesAnOrderAndAnswers201WithItsLocationAndTheOrder() throws Exception {
        Order order = order();
        when(orders.placeOrder(any(), isNull())).thenReturn(new Placement(order, false));

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/orders/" + order.orderId()))
                .andExpect(jsonPath("$.orderId").value(order.orderId().toString()))
                .andExpect(jsonPath("$.customerId").value("alice"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.items[0].sku").value("BOOK-EDA"))
                .andExpect(jsonPath("$.items[0].quantity").value(2))
                .andExpect(jsonPath("$.shippingAddress.country").value("DE"))
                .andExpect(jsonPath("$.totalAmount").doesNotExist())
                .andExpect(jsonPath("$.createdAt").exists());

        ArgumentCaptor<PlaceOrderCommand> command = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(orders).placeOrder(command.capture(), isNull());
        assertCommand(command.getValue());
    }

    private static void assertCommand(PlaceOrderCommand command) {
        assertThat(command.customerId()).isEqualTo("alice");
        assertThat(command.lines())
                .containsExactly(OrderLine.of("BOOK-EDA", 2), OrderLine.of("MUG", 1));
        assertThat(command.shippingAddress())
                .isEqualTo(new Address("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("\"customerId\": \"alice\"", "\"customerId\": \"  \"", "customerId"),
                Arguments.of("\"customerId\": \"alice\"", "\"customerId\": null", "customerId"),
                Arguments.of("\"customerId\": \"alice\"", "\"customerId\": \"" + "x".repeat(65) + "\"", "customerId"),
                Arguments.of("\"items\": [{\"sku\": \"BOOK-EDA\", \"quantity\": 2}, {\"sku\": \"MUG\", \"quantity\": 1}]",
                        "\"items\": []", "items"),
                Arguments.of("\"items\": [{\"sku\": \"BOOK-EDA\", \"quantity\": 2}, {\"sku\": \"MUG\", \"quantity\": 1}]",
                        "\"items\": null", "items"),
                Arguments.of("\"sku\": \"BOOK-EDA\"", "\"sku\": \"\"", "items[0].sku"),
                Arguments.of("\"sku\": \"BOOK-EDA\"", "\"sku\": \"" + "S".repeat(65) + "\"", "items[0].sku"),
                Arguments.of("\"quantity\": 2", "\"quantity\": 0", "items[0].quantity"),
                Arguments.of("\"quantity\": 2", "\"quantity\": 1001", "items[0].quantity"),
                Arguments.of("\"quantity\": 2", "\"quantity\": null", "items[0].quantity"),
                Arguments.of("\"name\": \"Alice\"", "\"name\": \"\"", "shippingAddress.name"),
                Arguments.of("\"street\": \"1 Main St\"", "\"street\": \" \"", "shippingAddress.street"),
                Arguments.of("\"city\": \"Berlin\"", "\"city\": null", "shippingAddress.city"),
                Arguments.of("\"postalCode\": \"10115\"", "\"postalCode\": \"\"", "shippingAddress.postalCode"),
                Arguments.of("\"country\": \"DE\"", "\"country\": \"de\"", "shippingAddress.country"),
                Arguments.of("\"country\": \"DE\"", "\"country\": \"DEU\"", "shippingAddress.country"),
                Arguments.of("\"country\": \"DE\"", "\"country\": \"\"", "shippingAddress.country"));
    }

    @ParameterizedTest(name = "{1} → 400 naming {2}")
    @MethodSource("invalidFields")
    void rejectsAnInvalidFieldNamingIt(String valid, String invalid, String field) throws Exception {
        String body = VALID.replace(valid, invalid);
        assertThat(body).isNotEqualTo(VALID);

        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
        verify(orders, never()).placeOrder(any(), any());
    }

    @Test
    void rejectsAnOrderWithoutShippingAddress() throws Exception {
        String body = """
                {"customerId": "alice", "items": [{"sku": "MUG", "quantity": 1}]}""";

        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("shippingAddress")));
    }

    @Test
    void rejectsMoreThanFiftyItems() throws Exception {
        String items = String.join(",", java.util.Collections.nCopies(51, "{\"sku\": \"MUG\", \"quantity\": 1}"));
        String body = VALID.replaceFirst("\\[\\{\"sku\": \"BOOK-EDA\".*?\\}\\]", "[" + items + "]");

        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("items")));
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\": ")),
                400);
        verify(orders, never()).placeOrder(any(), any());
    }

    @Test
    void rejectsAQuantityThatIsNotANumberNamingTheField() throws Exception {
        String body = VALID.replace("\"quantity\": 2", "\"quantity\": \"many\"");

        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
    }

    @Test
    void showsAnOrderWithPricesAndTotalOnceKnown() throws Exception {
        Order order = order();
        order.reserveInventory(new BigDecimal("25.50"), "EUR", List.of(
                new PricedLine("BOOK-EDA", 2, new BigDecimal("10.00")),
                new PricedLine("MUG", 1, new BigDecimal("5.50"))));
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));

        mvc.perform(get("/orders/{id}", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.orderId").value(order.orderId().toString()))
                .andExpect(jsonPath("$.status").value("INVENTORY_RESERVED"))
                .andExpect(jsonPath("$.cancellationReason").isEmpty())
                .andExpect(jsonPath("$.items[1].unitPrice").value(5.5))
                .andExpect(jsonPath("$.totalAmount").value(25.5))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.shippingAddress.city").value("Berlin"))
                .andExpect(jsonPath("$.createdAt").value(order.createdAt().toString()))
                .andExpect(jsonPath("$.updatedAt").value(order.updatedAt().toString()));
    }

    @Test
    void showsTheReasonOfACancelledOrder() throws Exception {
        Order order = order();
        order.cancel(CancellationReason.OUT_OF_STOCK);
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));

        mvc.perform(get("/orders/{id}", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("OUT_OF_STOCK"));
    }

    @Test
    void answers404ForAnUnknownOrder() throws Exception {
        UUID unknown = UUID.randomUUID();
        when(orders.find(unknown)).thenReturn(Optional.empty());

        expectProblem(mvc.perform(get("/orders/{id}", unknown)), 404)
                .andExpect(jsonPath("$.detail").value(containsString(unknown.toString())));
    }

    @Test
    void answers400ForAMalformedOrderId() throws Exception {
        expectProblem(mvc.perform(get("/orders/{id}", "not-a-uuid")), 400)
                .andExpect(jsonPath("$.detail").value(containsString("orderId")));
    }

    @Test
    void listsOrdersNewestFirstAsAPageOfOurOwn() throws Exception {
        Order order = order();
        when(orders.search(null, null, 0, 20)).thenReturn(new PageImpl<>(List.of(order), PageRequest.of(0, 20), 1));

        mvc.perform(get("/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].orderId").value(order.orderId().toString()))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.totalPages").value(1))
                .andExpect(jsonPath("$.pageable").doesNotExist());
    }

    @Test
    void passesTheFiltersAndPageOn() throws Exception {
        when(orders.search("alice", OrderStatus.CANCELLED, 2, 5))
                .thenReturn(new PageImpl<>(List.of(), PageRequest.of(2, 5), 10));

        mvc.perform(get("/orders").param("customerId", "alice").param("status", "CANCELLED")
                        .param("page", "2").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.totalElements").value(10));
    }

    @Test
    void capsThePageSizeAtOneHundred() throws Exception {
        when(orders.search(isNull(), isNull(), eq(0), anyInt()))
                .thenReturn(new PageImpl<>(List.of(), PageRequest.of(0, 100), 0));

        mvc.perform(get("/orders").param("size", "1000")).andExpect(status().isOk());

        verify(orders).search(null, null, 0, 100);
    }

    @Test
    void rejectsAnUnknownStatus() throws Exception {
        expectProblem(mvc.perform(get("/orders").param("status", "SHIPPED")), 400)
                .andExpect(jsonPath("$.detail").value(containsString("status")));
        verify(orders, never()).search(any(), any(), anyInt(), anyInt());
    }

    @Test
    void rejectsANegativePage() throws Exception {
        expectProblem(mvc.perform(get("/orders").param("page", "-1")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("page")));
    }

    @Test
    void rejectsAnEmptyPageSize() throws Exception {
        expectProblem(mvc.perform(get("/orders").param("size", "0")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("size")));
    }

    @Test
    void answersARepeatedIdempotentRequestWithTheSameLocationAndSaysItWasReplayed() throws Exception {
        Order order = order();
        when(orders.placeOrder(any(), eq("key-1"))).thenReturn(new Placement(order, false), new Placement(order, true));

        mvc.perform(post("/orders").header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/orders/" + order.orderId()))
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        mvc.perform(post("/orders").header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/orders/" + order.orderId()))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.orderId").value(order.orderId().toString()));
    }

    @Test
    void answers422WhenAnIdempotencyKeyComesWithADifferentRequest() throws Exception {
        when(orders.placeOrder(any(), eq("key-2"))).thenThrow(new IdempotencyKeyReusedException("key-2"));

        expectProblem(mvc.perform(post("/orders").header("Idempotency-Key", "key-2")
                .contentType(MediaType.APPLICATION_JSON).content(VALID)), 422)
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"))
                .andExpect(jsonPath("$.detail").value(containsString("key-2")));
    }

    @Test
    void answers503WithRetryAfterWhileTheSagaBacklogIsFull() throws Exception {
        when(orders.placeOrder(any(), isNull())).thenThrow(new SagaBacklogFullException(1000, 1000));

        expectProblem(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID)), 503)
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.title").value("Saga backlog full"))
                .andExpect(jsonPath("$.detail").value(containsString("ordersaga.saga.max-in-flight")))
                .andExpect(jsonPath("$.inFlight").value(1000))
                .andExpect(jsonPath("$.limit").value(1000));
    }

    @ParameterizedTest(name = "Idempotency-Key \"{0}\" → 400")
    @MethodSource("invalidKeys")
    void rejectsAnIdempotencyKeyThatIsNotAPrintableToken(String key) throws Exception {
        expectProblem(mvc.perform(post("/orders").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(VALID)), 400)
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        verify(orders, never()).placeOrder(any(), any());
    }

    static Stream<String> invalidKeys() {
        return Stream.of("", "has space", "k".repeat(256), "tab\tkey", "ümlaut");
    }

    @Test
    void cancelsAnOrderAndAnswersItCancelledAsTheCustomerRequested() throws Exception {
        Order order = order();
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));
        order.cancelOnCustomerRequest();
        when(cancellations.cancelOnCustomerRequest(order.orderId())).thenReturn(order);

        mvc.perform(post("/orders/{id}/cancel", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("CUSTOMER_REQUESTED"));
    }

    @Test
    void answers409WhenCancellingACompletedOrder() throws Exception {
        UUID orderId = UUID.randomUUID();
        when(orders.find(orderId)).thenReturn(Optional.of(order()));
        when(cancellations.cancelOnCustomerRequest(orderId)).thenThrow(new ConflictException("Order is COMPLETED"));

        expectProblem(mvc.perform(post("/orders/{id}/cancel", orderId)), 409);
    }

    @Test
    void answers404WhenCancellingAnUnknownOrder() throws Exception {
        UUID orderId = UUID.randomUUID();
        when(cancellations.cancelOnCustomerRequest(orderId)).thenThrow(new NotFoundException("No order " + orderId));

        expectProblem(mvc.perform(post("/orders/{id}/cancel", orderId)), 404);
    }

    @Test
    void showsWhatAnOrderIsStillWaitingOn() throws Exception {
        Order order = order();
        order.cancel(CancellationReason.SHIPPING_FAILED);
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));
        when(timeline.waitingOn(order)).thenReturn(List.of(new Awaiting("payment-service", "PaymentRefunded",
                "the charge of this cancelled order has not been refunded yet", order.updatedAt())));

        mvc.perform(get("/orders/{id}", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.waitingOn[0].service").value("payment-service"))
                .andExpect(jsonPath("$.waitingOn[0].event").value("PaymentRefunded"))
                .andExpect(jsonPath("$.waitingOn[0].reason").value(containsString("refunded")))
                .andExpect(jsonPath("$.waitingOn[0].since").value(order.updatedAt().toString()));
    }

    @Test
    void showsTheTimelineOfAnOrderInTheOrderTheServiceGives() throws Exception {
        UUID orderId = UUID.randomUUID();
        Instant t = Instant.parse("2026-01-31T10:30:00Z");
        TimelineEvent placed = new TimelineEvent(UUID.randomUUID(), orderId, "OrderPlaced", "order-service",
                "request-1", "corr-1", t);
        TimelineEvent reserved = new TimelineEvent(UUID.randomUUID(), orderId, "InventoryReserved",
                "inventory-service", placed.eventId().toString(), "corr-1", t.plusMillis(20));
        when(orders.find(orderId)).thenReturn(Optional.of(order()));
        when(timeline.timelineOf(orderId)).thenReturn(Optional.of(List.of(placed, reserved)));

        mvc.perform(get("/orders/{id}/timeline", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.events[0].eventType").value("OrderPlaced"))
                .andExpect(jsonPath("$.events[0].causationId").value("request-1"))
                .andExpect(jsonPath("$.events[1].eventId").value(reserved.eventId().toString()))
                .andExpect(jsonPath("$.events[1].causationId").value(placed.eventId().toString()))
                .andExpect(jsonPath("$.events[1].source").value("inventory-service"))
                .andExpect(jsonPath("$.events[1].timestamp").value("2026-01-31T10:30:00.020Z"));
    }

    @Test
    void answers404ForTheTimelineOfAnUnknownOrder() throws Exception {
        UUID orderId = UUID.randomUUID();
        when(timeline.timelineOf(orderId)).thenReturn(Optional.empty());

        expectProblem(mvc.perform(get("/orders/{id}/timeline", orderId)), 404);
    }

    private static ResultActions expectProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.trace").doesNotExist())
                .andExpect(noStackTrace());
    }

    private static ResultMatcher noStackTrace() {
        return content().string(not(containsString("Exception")));
    }

    private static Order order() {
        return Order.place("alice", List.of(OrderLine.of("BOOK-EDA", 2), OrderLine.of("MUG", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
    }
}
