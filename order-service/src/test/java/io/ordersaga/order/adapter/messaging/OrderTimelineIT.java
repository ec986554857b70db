package io.ordersaga.order.adapter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.config.SagaConfiguration;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderTimelineIT extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;

    @Test
    void showsEveryEventOfTheOrderFromTheFourTopicsEachAfterItsCause() throws Exception {
        Order order = placeOrder();
        EventEnvelope<OrderPlaced> placed = sent(order.orderId(), OrderPlaced.class).get(0);
        Instant t = placed.timestamp();
        // The other services' clocks run a little behind: each event is stamped before its cause.
        EventEnvelope<SagaEvent> reserved = caused(inventoryReserved(order), placed, "inventory-service", t.minusMillis(50));
        EventEnvelope<SagaEvent> paid = caused(paymentCompleted(order), reserved, "payment-service", t.minusMillis(100));
        EventEnvelope<SagaEvent> failed = caused(new ShipmentFailed(order.orderId(), "AQ", "DESTINATION_NOT_SERVED"),
                paid, "shipping-service", t.minusMillis(150));
        List.of(failed, paid, reserved).forEach(kafka::send);
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        List<JsonNode> events = awaitTimeline(order.orderId(), 5);

        assertThat(events).extracting(e -> e.path("eventType").asString()).containsExactly("OrderPlaced",
                "InventoryReserved", "PaymentCompleted", "ShipmentFailed", "OrderCancelled");
        assertThat(events).extracting(e -> e.path("source").asString()).containsExactly("order-service",
                "inventory-service", "payment-service", "shipping-service", "order-service");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("causationId").asString()).as("cause of %s", events.get(i))
                    .isEqualTo(events.get(i - 1).path("eventId").asString());
        }
        assertThat(events).extracting(e -> e.path("correlationId").asString()).containsOnly(order.correlationId());
        // Each entry carries its envelope's timestamp (to PostgreSQL's microsecond), not when it was recorded.
        assertThat(Instant.parse(events.get(1).path("timestamp").asString()))
                .isCloseTo(reserved.timestamp(), within(1, ChronoUnit.MICROS));
    }

    @Test
    void anEventDeliveredTwiceIsOnTheTimelineOnce() throws Exception {
        Order order = placeOrder();
        EventEnvelope<SagaEvent> reserved = kafka.send(inventoryReserved(order));
        kafka.send(reserved);

        List<JsonNode> events = awaitTimeline(order.orderId(), 2);
        EventEnvelope<SagaEvent> marker = kafka.send(new InventoryReleased(order.orderId(), List.of()));
        await().atMost(WAIT).until(() -> timeline(order.orderId()).size() == 3);

        assertThat(timeline(order.orderId())).extracting(e -> e.path("eventId").asString())
                .containsOnlyOnce(reserved.eventId().toString())
                .contains(marker.eventId().toString());
        assertThat(events).hasSize(2);
    }

    @Test
    void aCancelledOrderShowsTheCompensationsItIsWaitingOnUntilTheyHappen() throws Exception {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        kafka.send(paymentCompleted(order));
        kafka.send(new ShipmentFailed(order.orderId(), "AQ", "DESTINATION_NOT_SERVED"));
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        await().atMost(WAIT).until(() -> waitingOn(order.orderId()).size() == 2);
        assertThat(waitingOn(order.orderId())).extracting(w -> w.path("event").asString())
                .containsExactly("InventoryReleased", "PaymentRefunded");

        kafka.send(new InventoryReleased(order.orderId(), List.of(new OrderLine("BOOK-EDA", 2))));
        await().atMost(WAIT).until(() -> waitingOn(order.orderId()).size() == 1);
        assertThat(waitingOn(order.orderId())).singleElement()
                .satisfies(w -> assertThat(w.path("service").asString()).isEqualTo("payment-service"));

        kafka.send(new PaymentRefunded(order.orderId(), order.customerId(), UUID.randomUUID(), TOTAL, "EUR"));
        await().atMost(WAIT).until(() -> waitingOn(order.orderId()).isEmpty());
    }

    @Test
    void theTimelineOfAnUnknownOrderIsNotFound() throws Exception {
        mvc.perform(get("/orders/{id}/timeline", UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void aPoisonRecordIsDeadLetteredForTheTimelineGroupAndListedByTheAdminEndpoint() throws Exception {
        Order order = placeOrder();
        kafka.sendRaw(Topics.PAYMENT_EVENTS, order.orderId().toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, "PaymentCompleted"));
        EventEnvelope<SagaEvent> after = kafka.send(new PaymentFailed(order.orderId(), order.customerId(), TOTAL,
                "EUR", "INSUFFICIENT_FUNDS"));
        String timelineDlt = Topics.deadLetter(Topics.PAYMENT_EVENTS, SagaConfiguration.TIMELINE_GROUP);

        String mainDlt = Topics.deadLetter(Topics.PAYMENT_EVENTS, CONSUMER);

        // Every consumer group of payment.events in this service dead-letters the record into its own topic.
        List<JsonNode> dead = await().atMost(WAIT).until(() -> adminDeadLetters(order.orderId()),
                list -> list.stream().map(d -> d.path("topic").asString()).toList()
                        .containsAll(List.of(timelineDlt, mainDlt)));

        assertThat(dead).extracting(d -> d.path("topic").asString()).containsOnlyOnce(timelineDlt, mainDlt);
        assertThat(dead).allSatisfy(d -> assertThat(d.path("payload").asString()).isEqualTo("{not json"));
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        await().atMost(WAIT).until(() -> timeline(order.orderId()).stream()
                .anyMatch(e -> e.path("eventId").asString().equals(after.eventId().toString())));
    }

    private List<JsonNode> adminDeadLetters(UUID orderId) throws Exception {
        JsonNode answer = JSON.readTree(mvc.perform(get("/admin/dead-letters").param("key", orderId.toString())
                        .with(ApiAccess.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(answer.path("topics").valueStream().map(JsonNode::asString).toList())
                .contains(Topics.deadLetter(Topics.ORDER_EVENTS, SagaConfiguration.TIMELINE_GROUP));
        return answer.path("deadLetters").valueStream().toList();
    }

    private List<JsonNode> awaitTimeline(UUID orderId, int size) {
        return await().atMost(WAIT).until(() -> timeline(orderId), events -> events.size() >= size);
    }

    private List<JsonNode> timeline(UUID orderId) throws Exception {
        return json(get("/orders/{id}/timeline", orderId)).path("events").valueStream().toList();
    }

    private List<JsonNode> waitingOn(UUID orderId) throws Exception {
        return json(get("/orders/{id}", orderId)).path("waitingOn").valueStream().toList();
    }

    private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
        return JSON.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }
}
