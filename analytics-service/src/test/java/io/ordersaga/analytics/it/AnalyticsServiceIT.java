package io.ordersaga.analytics.it;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.paid;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static io.ordersaga.analytics.SagaEvents.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.analytics.AnalyticsIntegrationTest;
import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.streams.AnalyticsSerdes;
import io.ordersaga.analytics.streams.AnalyticsTopics;
import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventType;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.ApiDocsCoverage;
import io.ordersaga.messaging.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class AnalyticsServiceIT extends AnalyticsIntegrationTest {

    @Autowired KafkaStreamsConfiguration streamsConfiguration;

    @Test
    void theTopologysMainConsumerFetchesLikeEveryReadModel() {
        assertThat(streamsConfiguration.asProperties())
                .containsEntry("main.consumer.fetch.min.bytes", "65536")
                .containsEntry("main.consumer.fetch.max.wait.ms", "200");
    }

    /** The dashboard may lag up to a second: one exactly-once commit (and cache flush) a second, not ten. */
    @Test
    void theTopologyCommitsOnceASecondWithItsStoresCached() {
        assertThat(streamsConfiguration.asProperties())
                .containsEntry("commit.interval.ms", "1000")
                .containsEntry("statestore.cache.max.bytes", "10485760");
    }

    @Test
    void aHighValueCompletionIsPublishedAndItsOrderAndCustomerCanBeQueried() {
        String customer = uniqueCustomer("vip");
        UUID orderId = UUID.randomUUID();
        Instant at = Instant.now();
        sendAt(placed(orderId, customer), at);
        sendAt(reserved(orderId, customer, "180.00"), at.plusMillis(1));
        sendAt(paid(orderId, customer, "180.00"), at.plusMillis(2));
        sendAt(shipped(orderId), at.plusMillis(3));
        sendAt(completed(orderId, customer, "180.00"), at.plusMillis(4));

        List<ConsumerRecord<String, String>> highValue = await().atMost(WAIT).until(
                () -> recordsOf(AnalyticsTopics.HIGH_VALUE_ORDERS, orderId.toString()), records -> !records.isEmpty());
        assertThat(highValue).singleElement().satisfies(record -> {
            assertThat(record.value()).contains("\"eventType\":\"OrderCompleted\"", "\"totalAmount\":180.00");
            assertThat(EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("OrderCompleted");
        });

        JsonNode journey = await().atMost(WAIT).until(() -> get("/api/orders/" + orderId + "/timeline"),
                body -> "COMPLETED".equals(body.path("step").asString()));
        assertThat(journey.path("customerId").asString()).isEqualTo(customer);
        assertThat(journey.path("timeline").findValuesAsString("eventType")).containsExactly("OrderPlaced",
                "InventoryReserved", "PaymentCompleted", "ShipmentScheduled", "OrderCompleted");

        JsonNode stats = await().atMost(WAIT).until(() -> get("/api/customers/" + customer),
                body -> body.path("revenueWindows").size() == 1);
        assertThat(stats.path("orders").asLong()).isEqualTo(1);
        assertThat(stats.path("revenueWindows").get(0).path("amount").decimalValue()).isEqualByComparingTo("180.00");
        assertThat(stats.path("revenueWindows").get(0).path("start").asString())
                .isEqualTo(at.truncatedTo(ChronoUnit.HOURS).toString());
    }

    @Test
    void elevenOrdersOfOneCustomerInAFiveMinuteWindowRaiseABurstAlertCarryingTheWindowsCount() {
        String customer = uniqueCustomer("burst");
        Instant windowStart = Instant.ofEpochMilli(Instant.now().toEpochMilli() / 300_000 * 300_000);
        for (int i = 0; i < 11; i++) {
            sendAt(placed(UUID.randomUUID(), customer), windowStart.plusSeconds(1));
        }

        List<ConsumerRecord<String, String>> alerts = await().atMost(WAIT).until(
                () -> recordsOf(AnalyticsTopics.CUSTOMER_BURSTS, customer),
                records -> !records.isEmpty() && records.get(records.size() - 1).value().contains("\"orders\":11"));
        JsonNode last = AnalyticsSerdes.JSON.readTree(alerts.get(alerts.size() - 1).value());
        assertThat(last.path("windowStart").asString()).isEqualTo(windowStart.toString());
        assertThat(last.path("windowEnd").asString()).isEqualTo(windowStart.plus(Duration.ofMinutes(5)).toString());
        assertThat(last.path("threshold").asLong()).isEqualTo(10);
        assertThat(alerts).allSatisfy(alert ->
                assertThat(EventHeaders.text(alert.headers(), EventHeaders.EVENT_TYPE)).isNull());

        JsonNode stats = get("/api/customers/" + customer);
        assertThat(stats.path("orders").asLong()).isEqualTo(11);
        assertThat(stats.path("bursting").asBoolean()).isTrue();
        assertThat(stats.path("burstWindows").get(0).path("orders").asLong()).isEqualTo(11);
    }

    @Test
    void sagaCountersFollowOrdersThroughTheirSteps() {
        long cancelledBefore = get("/api/saga").path("cancelled").asLong();
        String customer = uniqueCustomer("steps");
        UUID waiting = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        kafka.send(placed(waiting, customer));
        kafka.send(placed(declined, customer));
        kafka.send(reserved(declined, customer, "30.00"));
        kafka.send(cancelled(declined, customer, CancellationReason.PAYMENT_DECLINED));

        JsonNode after = await().atMost(WAIT).until(() -> get("/api/saga"),
                saga -> saga.path("cancelled").asLong() > cancelledBefore);
        assertThat(after.path("recent").path("cancelledByReason").path("PAYMENT_DECLINED").asLong()).isPositive();
        assertThat(after.path("recent").path("minutes").size()).isEqualTo(15);
        assertThat(after.path("inFlight").path("PLACED").asLong()).isPositive();
        assertThat(get("/api/orders/" + waiting + "/timeline").path("step").asString()).isEqualTo("PLACED");
        assertThat(get("/api/orders/" + declined + "/timeline").path("cancellationReason").asString())
                .isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void ordersPlacedNowShowInTheOrdersPerSecondRate() {
        for (int i = 0; i < 5; i++) {
            kafka.send(placed(UUID.randomUUID(), uniqueCustomer("rate")));
        }

        await().atMost(WAIT).until(() -> get("/api/saga").path("ordersPerSecond").asDouble() > 0);
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String customer = uniqueCustomer("poison");
        UUID orderId = UUID.randomUUID();
        kafka.sendRaw(Topics.ORDER_EVENTS, orderId.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, EventType.ORDER_PLACED.id()));
        kafka.send(placed(orderId, customer));

        await().atMost(WAIT).until(() -> get("/api/customers/" + customer).path("orders").asLong() == 1);
        List<ConsumerRecord<String, String>> deadLetters = await().atMost(WAIT).until(() -> recordsOf(
                Topics.deadLetter(Topics.ORDER_EVENTS, "analytics-service"), orderId.toString()),
                records -> !records.isEmpty());
        assertThat(deadLetters).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("{not json");
            assertThat(EventHeaders.text(record.headers(), EventHeaders.DLT_CAUSE)).contains("Unexpected character");
        });
    }

    @Test
    void unknownCustomersAndOrdersAreNotFoundAsProblemDetails() {
        assertThat(status("/api/customers/nobody-" + UUID.randomUUID())).isEqualTo(404);
        JsonNode problem = get("/api/orders/" + UUID.randomUUID() + "/timeline");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.has("trace")).isFalse();
    }

    @Test
    void everyInternalTopicOfTheTopologyWasDeclaredBeforeKafkaStreamsNeededIt() throws Exception {
        Set<String> declared = AnalyticsTopics.declarations("analytics-service", AnalyticsProperties.defaults())
                .stream().map(AnalyticsTopics.Declaration::name).collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            Set<String> internal = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("analytics-service-")).collect(Collectors.toSet());

            assertThat(declared).containsAll(internal);
            assertThat(admin.listTopics().names().get()).containsAll(declared);
        }
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, String key) {
        return kafka.records(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    /** {@code /v3/api-docs} lists every endpoint this service maps (see {@link ApiDocsCoverage}). */
    @Test
    void openApiDocumentListsEveryEndpoint(@Autowired ApplicationContext context) {
        ApiDocsCoverage.assertDocumentListsEveryEndpoint(context,
                RestClient.create(baseUrl()).get().uri("/v3/api-docs").retrieve().body(String.class));
    }
}
