package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters end to end, through {@code /admin/dead-letters}: a malformed record on order.events, and a
 * compensation that keeps failing until a fix, then is replayed and completes the order's saga.
 */
class DeadLetterReplayIT extends SagaEdgeSupport {

    private static final String TIMELINE_GROUP = "order-service-timeline";
    /**
     * The consumers that read OrderPlaced: inventory and shipping handle it, order-service's read models read
     * everything. payment-service does not handle OrderPlaced, so it skips the record by its {@code eventType} header
     * without parsing it (issue 20) and has nothing to dead-letter.
     */
    private static final List<Service> ORDER_PLACED_READERS = List.of(Service.INVENTORY, Service.SHIPPING,
            Service.ORDER);

    /**
     * A malformed copy of the order's OrderPlaced (a broken producer cut it short, or a hand at the console producer)
     * on order.events. Every consumer that reads OrderPlaced dead-letters it at once, the order's timeline group
     * included (payment-service skips it unread), and goes on with
     * the order's next record. Replayed as it is, it is dead-lettered again; replayed with the corrected payload, it
     * is read, and every consumer's inbox knows the event already, so nothing happens twice.
     */
    @Test
    void aMalformedRecordIsDeadLetteredByEveryConsumerThatReadsItAndHarmlessOnceReplayedCorrected() throws Exception {
        String sku = product("BOOK", "39.90", 5);
        String alice = account("alice", "100.00");
        UUID orderId = place(alice, List.of(new Line(sku, 1)), "DE");
        ConsumerRecord<String, String> placed = await().atMost(WAIT).until(() -> kafka.records(Topics.ORDER_EVENTS)
                .stream().filter(r -> r.key().equals(orderId.toString()))
                .filter(r -> "OrderPlaced".equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)))
                .findFirst(), Optional::isPresent).orElseThrow();
        String intact = placed.value();
        String truncated = intact.substring(0, intact.length() / 2);
        kafka.sendRaw(Topics.ORDER_EVENTS, orderId.toString(), truncated.getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, "OrderPlaced",
                        EventHeaders.EVENT_ID, EventHeaders.text(placed.headers(), EventHeaders.EVENT_ID)));

        for (Service service : ORDER_PLACED_READERS) {
            JsonNode dead = awaitDeadLetters(service, orderId, "PENDING", 1).get(0);
            assertThat(dead.path("originalTopic").asString()).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(dead.path("payload").asString()).isEqualTo(truncated);
            assertThat(dead.path("cause").asString()).isNotBlank();
        }
        // payment-service does not handle OrderPlaced: it skips the record unread, so it has no dead letter of it.
        awaitCaughtUp(Service.PAYMENT);
        assertThat(list(saga.deadLetters(Service.PAYMENT, "ALL", orderId.toString()))).isEmpty();
        // The order's records after the poison, on the same partition, are handled.
        assertThat(awaitEnd(orderId).path("status").asString()).isEqualTo("COMPLETED");
        awaitTimeline(orderId, "OrderCompleted");

        JsonNode first = list(saga.deadLetters(Service.INVENTORY, "PENDING", orderId.toString())).get(0);
        assertThat(saga.replayDeadLetter(Service.INVENTORY, first).path("status").asString()).isEqualTo("REPLAYED");
        JsonNode again = awaitDeadLetters(Service.INVENTORY, orderId, "PENDING", 1).get(0);
        assertThat(again.path("replayedFrom").asString()).isEqualTo(first.path("topic").asString() + "/"
                + first.path("partition").asInt() + "/" + first.path("offset").asLong());

        JsonNode corrected = saga.replayDeadLetter(Service.INVENTORY, again, intact);
        assertThat(corrected.path("status").asString()).isEqualTo("REPLAYED");
        assertThat(corrected.path("reason").asString()).isEqualTo("replayed with a corrected payload");
        for (Service service : List.of(Service.INVENTORY, Service.PAYMENT, Service.SHIPPING)) {
            awaitCaughtUp(service);
        }
        awaitCaughtUp(TIMELINE_GROUP);
        for (Service service : ORDER_PLACED_READERS) {
            // Every consumer group holds two malformed copies (the original and the unchanged replay), and not the
            // corrected one.
            Map<String, Long> perGroup = await().atMost(WAIT).until(() -> list(saga.deadLetters(service, "ALL",
                            orderId.toString())).stream().collect(Collectors.groupingBy(d -> d.path("topic").asString(),
                            Collectors.counting())), counts -> counts.values().stream().allMatch(n -> n >= 2));
            assertThat(perGroup.values()).as("dead letters of %s per topic", service).containsOnly(2L);
            for (JsonNode pending : list(saga.deadLetters(service, "PENDING", orderId.toString()))) {
                assertThat(saga.discardDeadLetter(service, pending, "malformed copy; corrected and replayed")
                        .path("status").asString()).isEqualTo("DISCARDED");
            }
            assertThat(list(saga.deadLetters(service, "PENDING", orderId.toString()))).isEmpty();
        }
        invariantsHold();
        assertThat(saga.payments(orderId)).hasSize(1);
        assertThat(saga.product(sku).path("shipped").asInt()).isEqualTo(1);
    }

    /**
     * A refund that fails every time (a broken database trigger stands in for a bug) is retried, then dead-lettered;
     * the order is CANCELLED but says what it is waiting on, and the invariant checker sees the net charge. After the
     * fix, replaying the dead letters refunds once, and the order waits on nothing.
     */
    @Test
    void aCompensationThatKeepsFailingIsVisibleAndCompletesWhenReplayedAfterTheFix() throws Exception {
        String sku = product("MUG", "12.50", 5);
        String carol = account("carol", "100.00");
        String trigger = "refunds_broken_" + run.toLowerCase();
        sql(Service.PAYMENT, """
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refunds are broken for %%', NEW.account_id; END $$;
                CREATE TRIGGER %1$s BEFORE INSERT ON account_event FOR EACH ROW
                WHEN (NEW.event_type = 'PaymentRefunded' AND NEW.account_id = '%2$s') EXECUTE FUNCTION %1$s();
                """.formatted(trigger, carol));
        UUID orderId;
        try {
            orderId = place(carol, List.of(new Line(sku, 2)), "AQ");
            assertThat(awaitEnd(orderId).path("cancellationReason").asString()).isEqualTo("SHIPPING_FAILED");

            // ShipmentFailed and OrderCancelled both ask payment to refund; both fail after their retries.
            List<JsonNode> dead = awaitDeadLetters(Service.PAYMENT, orderId, "PENDING", 2);
            assertThat(dead).extracting(d -> d.path("eventType").asString())
                    .containsExactlyInAnyOrder("ShipmentFailed", "OrderCancelled");
            assertThat(dead).allSatisfy(d -> assertThat(d.path("cause").asString()).contains("refunds are broken"));
            await().atMost(WAIT).until(() -> waitingOn(orderId).equals(List.of("payment-service PaymentRefunded")));
            assertThat(invariants.check(List.of(orderId), List.of(), List.of(carol), Duration.ZERO))
                    .anySatisfy(violation -> assertThat(violation).startsWith("3: CANCELLED order " + orderId)
                            .contains("net charge of"));
        } finally {
            sql(Service.PAYMENT, "DROP TRIGGER IF EXISTS %1$s ON account_event; DROP FUNCTION IF EXISTS %1$s();"
                    .formatted(trigger));
        }

        JsonNode replayed = saga.replayPendingDeadLetters(Service.PAYMENT);

        assertThat(list(replayed).stream().filter(d -> d.path("key").asString().equals(orderId.toString())))
                .hasSize(2).allSatisfy(d -> assertThat(d.path("status").asString()).isEqualTo("REPLAYED"));
        await().atMost(WAIT).until(() -> waitingOn(orderId).isEmpty());
        invariantsHold();
        assertThat(saga.payments(orderId)).extracting(p -> p.path("type").asString())
                .containsExactlyInAnyOrder("CHARGE", "REFUND");
        assertThat(saga.account(carol).path("balance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(list(saga.deadLetters(Service.PAYMENT, "PENDING", orderId.toString()))).isEmpty();
        JsonNode timeline = awaitTimeline(orderId, "PaymentRefunded");
        assertThat(Timelines.types(timeline)).containsOnlyOnce("PaymentRefunded");
    }

    private static List<JsonNode> awaitDeadLetters(Service service, UUID orderId, String status, int count) {
        return await(service + " dead letters of " + orderId).atMost(WAIT)
                .until(() -> list(saga.deadLetters(service, status, orderId.toString())), list -> list.size() >= count);
    }

    private static List<JsonNode> list(JsonNode answer) {
        List<JsonNode> deadLetters = new ArrayList<>();
        answer.path("deadLetters").forEach(deadLetters::add);
        return deadLetters;
    }
}
