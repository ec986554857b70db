package io.ordersaga.messaging.admin.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.TestIssuer;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = AdminTestApplication.class, properties = {
        "spring.application.name=" + DeadLetterAdminIT.GROUP,
        "ordersaga.messaging.consumed-topics=" + Topics.SHIPPING_EVENTS})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class DeadLetterAdminIT {

    static final String GROUP = "messaging-admin-it";
    private static final String DLT = Topics.deadLetter(Topics.SHIPPING_EVENTS, GROUP);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaTestClient kafka;

    @Autowired MockMvc mvc;
    @Autowired AdminTestApplication.Handler handler;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void listsADeadLetterWithItsCauseOriginKeyAndPayload() throws Exception {
        UUID orderId = UUID.randomUUID();
        handler.breakFor(orderId);
        EventEnvelope<SagaEvent> failing = kafka.send(scheduled(orderId));

        JsonNode dead = awaitDeadLetters(orderId, 1).get(0);

        ConsumerRecord<String, String> original = kafka.records(Topics.SHIPPING_EVENTS).stream()
                .filter(record -> record.key().equals(orderId.toString())).findFirst().orElseThrow();
        assertThat(dead.path("topic").asString()).isEqualTo(DLT);
        assertThat(dead.path("status").asString()).isEqualTo("PENDING");
        assertThat(dead.path("key").asString()).isEqualTo(orderId.toString());
        assertThat(dead.path("eventType").asString()).isEqualTo("ShipmentScheduled");
        assertThat(dead.path("eventId").asString()).isEqualTo(failing.eventId().toString());
        assertThat(dead.path("originalTopic").asString()).isEqualTo(Topics.SHIPPING_EVENTS);
        assertThat(dead.path("originalPartition").asInt()).isEqualTo(original.partition());
        assertThat(dead.path("originalOffset").asLong()).isEqualTo(original.offset());
        assertThat(dead.path("consumerGroup").asString()).isEqualTo(GROUP);
        assertThat(dead.path("cause").asString()).isEqualTo("handler bug for order " + orderId);
        assertThat(dead.path("payload").asString()).isEqualTo(original.value());
        assertThat(dead.path("payloadEncoding").asString()).isEqualTo("utf-8");
        assertThat(dead.path("links").path("replay").asString())
                .isEqualTo(dead.path("links").path("self").asString() + "/replay");
        mvc.perform(admin(get(dead.path("links").path("self").asString())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(failing.eventId().toString()));
        mvc.perform(admin(get("/admin/dead-letters")))
                .andExpect(jsonPath("$.topics").value(hasItem(DLT)))
                .andExpect(jsonPath("$.topics").value(not(hasItem(
                        Topics.deadLetter(Topics.INVENTORY_EVENTS, AdminTestApplication.IDLE_GROUP)))))
                .andExpect(content().string(not(containsString("stacktrace"))));
    }

    @Test
    void replayingAfterTheFixHandlesTheEventOnceAndReplayingAgainChangesNothing() throws Exception {
        UUID orderId = UUID.randomUUID();
        handler.breakFor(orderId);
        EventEnvelope<SagaEvent> failing = kafka.send(scheduled(orderId));
        String self = awaitDeadLetters(orderId, 1).get(0).path("links").path("self").asString();
        assertThat(handledCount(failing)).isZero();

        handler.fixFor(orderId);
        mvc.perform(admin(post(self + "/replay")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REPLAYED"))
                .andExpect(jsonPath("$.replayCount").value(1))
                .andExpect(jsonPath("$.decidedAt").isNotEmpty());
        await().atMost(WAIT).until(() -> handledCount(failing) == 1);

        mvc.perform(admin(post(self + "/replay")))
                .andExpect(jsonPath("$.replayCount").value(2));
        // Same key, so the same partition: once this one is handled, the second replay was seen before it.
        EventEnvelope<SagaEvent> marker = kafka.send(scheduled(orderId));
        await().atMost(WAIT).until(() -> handledCount(marker) == 1);
        assertThat(handledCount(failing)).isEqualTo(1);
        assertThat(deadLetters(orderId, "ALL")).hasSize(1);
    }

    @Test
    void replayAllReplaysEveryPendingDeadLetterButNotADiscardedOne() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID unwanted = UUID.randomUUID();
        List.of(first, second, unwanted).forEach(handler::breakFor);
        EventEnvelope<SagaEvent> firstEvent = kafka.send(scheduled(first));
        EventEnvelope<SagaEvent> secondEvent = kafka.send(scheduled(second));
        EventEnvelope<SagaEvent> unwantedEvent = kafka.send(scheduled(unwanted));
        awaitDeadLetters(first, 1);
        awaitDeadLetters(second, 1);
        String unwantedSelf = awaitDeadLetters(unwanted, 1).get(0).path("links").path("self").asString();
        mvc.perform(admin(post(unwantedSelf + "/discard")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"test order, never to be shipped\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISCARDED"))
                .andExpect(jsonPath("$.reason").value("test order, never to be shipped"));
        List.of(first, second, unwanted).forEach(handler::fixFor);

        JsonNode result = json(mvc.perform(admin(post("/admin/dead-letters/replay"))).andExpect(status().isOk()));

        List<String> replayedKeys = result.path("deadLetters").valueStream().map(d -> d.path("key").asString()).toList();
        assertThat(replayedKeys).contains(first.toString(), second.toString()).doesNotContain(unwanted.toString());
        assertThat(result.path("replayed").asInt()).isEqualTo(replayedKeys.size());
        await().atMost(WAIT).until(() -> handledCount(firstEvent) == 1 && handledCount(secondEvent) == 1);
        EventEnvelope<SagaEvent> marker = kafka.send(scheduled(unwanted));
        await().atMost(WAIT).until(() -> handledCount(marker) == 1);
        assertThat(handledCount(unwantedEvent)).isZero();
        assertThat(deadLetters(unwanted, "DISCARDED")).hasSize(1);
        assertThat(deadLetters(first, "REPLAYED")).hasSize(1);
        assertThat(deadLetters(first, "PENDING")).isEmpty();
    }

    @Test
    void aPoisonRecordReplayedUnchangedIsDeadLetteredAgainAndSaysWhereItCameFrom() throws Exception {
        UUID orderId = UUID.randomUUID();
        kafka.sendRaw(Topics.SHIPPING_EVENTS, orderId.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, "ShipmentScheduled"));
        JsonNode poison = awaitDeadLetters(orderId, 1).get(0);
        assertThat(poison.path("cause").asString()).contains("Unexpected character");
        assertThat(poison.path("payload").asString()).isEqualTo("{not json");

        mvc.perform(admin(post(poison.path("links").path("replay").asString()))).andExpect(status().isOk());

        List<JsonNode> dead = awaitDeadLetters(orderId, 2);
        String firstId = DLT + "/" + poison.path("partition").asInt() + "/" + poison.path("offset").asLong();
        assertThat(dead.get(0).path("status").asString()).isEqualTo("REPLAYED");
        assertThat(dead.get(1).path("status").asString()).isEqualTo("PENDING");
        assertThat(dead.get(1).path("replayedFrom").asString()).isEqualTo(firstId);
        assertThat(dead.get(1).path("payload").asString()).isEqualTo("{not json");
        mvc.perform(admin(post(dead.get(1).path("links").path("discard").asString()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"malformed JSON\"}"))
                .andExpect(jsonPath("$.status").value("DISCARDED"));
        assertThat(deadLetters(orderId, "PENDING")).isEmpty();
    }

    @Test
    void aMalformedRecordReplayedWithACorrectedPayloadIsHandledAndNotDeadLetteredAgain() throws Exception {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> intended = KafkaTestClient.envelope(scheduled(orderId), "shipping-service");
        String json = new String(new EnvelopeCodec().write(intended), StandardCharsets.UTF_8);
        // A producer bug cut the record short.
        kafka.sendRaw(Topics.SHIPPING_EVENTS, orderId.toString(),
                json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, "ShipmentScheduled", EventHeaders.EVENT_ID, intended.eventId().toString()));
        JsonNode truncated = awaitDeadLetters(orderId, 1).get(0);

        mvc.perform(admin(post(truncated.path("links").path("replay").asString()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("payload", json))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REPLAYED"))
                .andExpect(jsonPath("$.reason").value("replayed with a corrected payload"));

        await().atMost(WAIT).until(() -> handledCount(intended) == 1);
        EventEnvelope<SagaEvent> marker = kafka.send(scheduled(orderId));
        await().atMost(WAIT).until(() -> handledCount(marker) == 1);
        assertThat(deadLetters(orderId, "ALL")).hasSize(1);
        mvc.perform(admin(post(truncated.path("links").path("replay").asString()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"payload\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("payload"));
    }

    @Test
    void discardingNeedsAReason() throws Exception {
        UUID orderId = UUID.randomUUID();
        handler.breakFor(orderId);
        kafka.send(scheduled(orderId));
        String discard = awaitDeadLetters(orderId, 1).get(0).path("links").path("discard").asString();

        mvc.perform(admin(post(discard)).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(admin(post(discard)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(deadLetters(orderId, "PENDING")).hasSize(1);
    }

    @Test
    void answers404ForAnUnknownDeadLetterOrATopicThatIsNotThisServicesDeadLetterTopic() throws Exception {
        mvc.perform(admin(post("/admin/dead-letters/" + DLT + "/0/999999999/replay")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(admin(post("/admin/dead-letters/" + Topics.SHIPPING_EVENTS + "/0/0/replay")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString(DLT)));
        mvc.perform(admin(get("/admin/dead-letters/" + DLT + "/zero/0")))
                .andExpect(status().isBadRequest());
        mvc.perform(admin(get("/admin/dead-letters").param("status", "LOST")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void refusesEveryCallerButAnAdminWithAValidToken() throws Exception {
        ApiAccess.refusesEveryBadToken(mvc, () -> get("/admin/dead-letters"));
        ApiAccess.refusesEveryBadToken(mvc, () -> post("/admin/dead-letters/replay"));
        ApiAccess.forbidden(mvc, get("/admin/dead-letters").with(ApiAccess.staff()));
        ApiAccess.forbidden(mvc, post("/admin/dead-letters/replay").with(ApiAccess.customer("alice")));
        mvc.perform(get("/admin/dead-letters").with(ApiAccess.admin())).andExpect(status().isOk());
    }

    /**
     * The shared rules beside /admin: probes open, the rest of actuator (Prometheus too) for staff or admin and for
     * the metrics scraper's role, which reaches nothing else.
     */
    @Test
    void leavesTheProbesOpenAndKeepsTheRestOfActuatorForStaff() throws Exception {
        mvc.perform(get("/actuator/health/liveness").with(ApiAccess.noToken())).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness").with(ApiAccess.noToken())).andExpect(status().isOk());
        ApiAccess.refusesEveryBadToken(mvc, () -> get("/actuator/prometheus"));
        ApiAccess.forbidden(mvc, get("/actuator/prometheus").with(ApiAccess.customer("alice")));
        mvc.perform(get("/actuator/prometheus").with(ApiAccess.staff())).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(ApiAccess.admin())).andExpect(status().isOk());
        String scraper = TestIssuer.shared().valid("prometheus", "monitoring");
        mvc.perform(get("/actuator/prometheus").with(ApiAccess.bearer(scraper))).andExpect(status().isOk());
        ApiAccess.forbidden(mvc, get("/admin/dead-letters").with(ApiAccess.bearer(scraper)));
    }

    private List<JsonNode> awaitDeadLetters(UUID orderId, int count) {
        return await().atMost(WAIT).until(() -> deadLetters(orderId, "ALL"), list -> list.size() >= count);
    }

    private List<JsonNode> deadLetters(UUID orderId, String status) throws Exception {
        JsonNode list = json(mvc.perform(admin(get("/admin/dead-letters")
                .param("key", orderId.toString()).param("status", status))).andExpect(status().isOk()));
        assertThat(list.path("count").asInt()).isEqualTo(list.path("deadLetters").size());
        return list.path("deadLetters").valueStream().toList();
    }

    private int handledCount(EventEnvelope<?> envelope) {
        return jdbc.queryForObject("SELECT count(*) FROM handled WHERE event_id = ?", Integer.class, envelope.eventId());
    }

    private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.with(ApiAccess.admin());
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static ShipmentScheduled scheduled(UUID orderId) {
        return new ShipmentScheduled(orderId, UUID.randomUUID(), "TRK-" + orderId, "DE");
    }
}
