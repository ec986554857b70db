package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Every consumer group of the suite replayed from the earliest offsets, all at once, as an operator does with
 * {@code kafka-consumer-groups.sh --reset-offsets --to-earliest} (docs/operations.md): every event still on the
 * topics, this test's and every earlier test's, reaches each service's saga consumer, order-service's read models
 * (the timeline and the views) and inventory's quote requests again. Nothing may happen twice. Each service's
 * database is the same row for row afterwards: the orders and their states, stock and reservations, the ledger,
 * the shipments, the inboxes, the timeline and the views; no outbox row is written (the outbox sequences have not
 * moved); no saga topic gets a record; and nothing is dead-lettered that was not dead-lettered before. And
 * order-service's read models, emptied, rebuild from the topics to what they were. (analytics-service, a Kafka
 * Streams application reset with its own tool, does not run in system-tests.)
 */
class ReplayEveryGroupIT extends SagaEdgeSupport {

    /**
     * Every consumer group of the four services: their saga consumers, order-service's read models (timeline and
     * views share one consumer) and inventory's quote requests. The test fails if the broker knows another.
     */
    private static final String READ_MODELS_GROUP = "order-service-timeline";
    private static final Set<String> GROUPS = Set.of("order-service", READ_MODELS_GROUP, "inventory-service",
            "inventory-service-quotes", "payment-service", "shipping-service");
    private static final String TIMELINE = "ORDER public.timeline_event";
    /** order-service's read models, without what does not come from the topics: when each row was written. */
    private static final Map<String, String> READ_MODEL_TABLES = Map.of(
            TIMELINE, "SELECT (event_id, order_id, event_type, source, causation_id, correlation_id, occurred_at)::text"
                    + " FROM timeline_event",
            "ORDER messaging.inbox", "SELECT (consumer, event_id, event_type)::text FROM messaging.inbox WHERE consumer"
                    + " = '" + READ_MODELS_GROUP + "'",
            "ORDER views.order_summary", "SELECT t::text FROM views.order_summary t",
            "ORDER views.daily_revenue", "SELECT t::text FROM views.daily_revenue t",
            "ORDER views.position", "SELECT t::text FROM views.position t");
    private static final List<String> SAGA_TOPICS = List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS,
            Topics.PAYMENT_EVENTS, Topics.SHIPPING_EVENTS);

    @Test
    void replayingEveryGroupFromTheEarliestOffsetsChangesNothing() throws Exception {
        placeOrdersOfEveryOutcome();
        assertThat(suiteGroups()).as("the consumer groups of the suite (add a new one to GROUPS)")
                .isEqualTo(new TreeSet<>(GROUPS));

        Snapshot before = settledSnapshot();
        stopEveryListener();
        try {
            ConsumerGroups.resetToEarliest(bootstrapServers(), GROUPS, WAIT);
            for (String group : GROUPS) {
                assertThat(ConsumerGroups.lag(bootstrapServers(), group)).as("records %s will replay", group)
                        .isPositive();
            }
        } finally {
            startEveryListener();
        }
        Snapshot after = settledSnapshot();

        assertThat(before.changedRows(after)).as("rows the replay changed, per table (+ added, - removed)").isEmpty();
        assertThat(after.sagaTopicEnds()).as("the saga topics' end offsets").isEqualTo(before.sagaTopicEnds());
        assertThat(before.newDeadLetters(after)).as("records dead-lettered by the replay that were not before")
                .isEmpty();
        invariantsHold();
    }

    /**
     * order-service's read models emptied (the timeline, its inbox rows, the views and their positions) and their
     * group reset to the earliest offsets: they rebuild from the topics to what they held, but for the time each
     * timeline row and inbox row was written.
     */
    @Test
    void theReadModelsRebuildFromTheTopicsToTheSameContent() throws Exception {
        placeOrdersOfEveryOutcome();
        Snapshot before = settledSnapshot();
        MessageListenerContainer readModels = container(Service.ORDER, READ_MODELS_GROUP, Topics.ORDER_EVENTS)
                .orElseThrow();
        readModels.stop();
        try {
            sql(Service.ORDER, """
                    DELETE FROM timeline_event;
                    DELETE FROM messaging.inbox WHERE consumer = '%s';
                    DELETE FROM views.order_summary;
                    DELETE FROM views.daily_revenue;
                    DELETE FROM views.position;""".formatted(READ_MODELS_GROUP));
            ConsumerGroups.resetToEarliest(bootstrapServers(), Set.of(READ_MODELS_GROUP), WAIT);
        } finally {
            readModels.start();
        }
        Snapshot after = settledSnapshot();

        assertThat(before.changedReadModels(after))
                .as("read-model rows the rebuild changed, per table (+ added, - removed)").isEmpty();
        assertThat(after.readModels().get(TIMELINE)).as("the timeline rebuilt").isNotEmpty();
        assertThat(before.newDeadLetters(after)).as("records dead-lettered by the rebuild that were not before")
                .isEmpty();
    }

    /** Four orders, one of each ending: completed, payment declined, shipping failed (refunded), out of stock. */
    private void placeOrdersOfEveryOutcome() throws InterruptedException {
        String book = product("BOOK", "20.00", 3);
        String alice = account("alice", "100.00");
        String bob = account("bob", "10.00");
        UUID completed = place(alice, List.of(new Line(book, 1)), "DE");
        UUID declined = place(bob, List.of(new Line(book, 1)), "DE");
        UUID unshippable = place(alice, List.of(new Line(book, 1)), "AQ");
        UUID outOfStock = place(alice, List.of(new Line(book, 4)), "DE");
        // A quote, so that inventory's quote group has offsets to reset too.
        await("a quote answered").atMost(WAIT).until(() -> saga.quote(List.of(new Line(book, 1))).status() == 200);
        assertThat(awaitEnd(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(awaitEnd(declined).path("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(awaitEnd(unshippable).path("cancellationReason").asString()).isEqualTo("SHIPPING_FAILED");
        assertThat(awaitEnd(outOfStock).path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
        invariantsHold();
    }

    /** The groups on the broker named after a service, but for those that have nothing to replay. */
    private static Set<String> suiteGroups() throws Exception {
        return ConsumerGroups.all(bootstrapServers()).stream()
                .filter(group -> Arrays.stream(Service.values()).anyMatch(s -> group.startsWith(RunningSuite.name(s))))
                // A requester's own group for replies, one per instance, reading from the latest offset: a reply
                // replayed would find nobody waiting for it.
                .filter(group -> !group.contains("-replies-"))
                // order-service's views rebuild assigns itself every partition and starts from offset 0 each time.
                .filter(group -> !group.equals("order-service-views-rebuild"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void stopEveryListener() {
        for (Service service : Service.values()) {
            RunningSuite.listeners(service).getListenerContainers().forEach(MessageListenerContainer::stop);
        }
    }

    private static void startEveryListener() {
        for (Service service : Service.values()) {
            RunningSuite.listeners(service).getListenerContainers().forEach(MessageListenerContainer::start);
        }
    }

    /**
     * Once every group has handled everything on its topics and every outbox is empty: each service's tables
     * (every row, as text) and sequences, order-service's read models, the saga topics' end offsets, and the dead
     * letters of every group.
     */
    private static Snapshot settledSnapshot() throws Exception {
        GROUPS.forEach(SagaEdgeSupport::awaitCaughtUp);
        for (Service service : Service.values()) {
            await(service + "'s outbox empty").atMost(WAIT)
                    .until(() -> query(service, "SELECT count(*) FROM messaging.outbox").equals(List.of("0")));
        }
        Map<String, List<String>> rows = new TreeMap<>();
        for (Service service : Service.values()) {
            for (String table : query(service, """
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
                rows.put(service + " " + table, query(service, "SELECT t::text FROM " + table + " t ORDER BY 1"));
            }
            rows.put(service + " sequences", query(service,
                    "SELECT schemaname || '.' || sequencename || ' = ' || last_value FROM pg_sequences ORDER BY 1"));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(SAGA_TOPICS).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition.toString(),
                    end.offset()));
            Map<String, List<String>> deadLetters = new TreeMap<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith(".dlt")) {
                    deadLetters.put(topic, kafka.records(topic).stream().map(ReplayEveryGroupIT::original).toList());
                }
            }
            Map<String, List<String>> readModels = new TreeMap<>();
            READ_MODEL_TABLES.forEach((table, select) -> readModels.put(table,
                    query(Service.ORDER, select).stream().sorted().toList()));
            return new Snapshot(rows, readModels, ends, deadLetters);
        }
    }

    /** Which record a dead letter is a copy of: its original topic, partition and offset. */
    private static String original(ConsumerRecord<String, String> deadLetter) {
        return header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC) + "-"
                + ByteBuffer.wrap(headerBytes(deadLetter, KafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt() + "@"
                + ByteBuffer.wrap(headerBytes(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(headerBytes(record, name), StandardCharsets.UTF_8);
    }

    private static byte[] headerBytes(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s of %s-%d@%d", name, record.topic(), record.partition(), record.offset())
                .isNotNull();
        return header.value();
    }

    /** The first column of every row {@code sql} returns, as text, in a service's own database. */
    private static List<String> query(Service service, String sql) {
        Map<String, Object> database = database(service);
        Properties login = new Properties();
        login.put("user", database.get("spring.datasource.username"));
        login.put("password", database.get("spring.datasource.password"));
        try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                login); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not query " + service + ": " + sql, e);
        }
    }

    private static Map<String, Object> database(Service service) {
        return EmbeddedInfrastructure.properties(RunningSuite.name(service).replace('-', '_'));
    }

    private static String bootstrapServers() {
        return (String) database(Service.ORDER).get("spring.kafka.bootstrap-servers");
    }

    /**
     * @param rows          per service and table, every row as text, sorted
     * @param readModels    per table of order-service's read models, every row as text without when it was written
     * @param sagaTopicEnds per partition of the saga topics, its end offset
     * @param deadLetters   per dead-letter topic, the record each dead letter is a copy of
     */
    private record Snapshot(Map<String, List<String>> rows, Map<String, List<String>> readModels,
                            Map<String, Long> sagaTopicEnds, Map<String, List<String>> deadLetters) {

        /** Per table whose rows differ in {@code after}: the rows added (+) and removed (-). */
        Map<String, List<String>> changedRows(Snapshot after) {
            return changed(rows, after.rows);
        }

        /** The same for order-service's read models, without when each row was written. */
        Map<String, List<String>> changedReadModels(Snapshot after) {
            return changed(readModels, after.readModels);
        }

        private static Map<String, List<String>> changed(Map<String, List<String>> before,
                                                         Map<String, List<String>> after) {
            Map<String, List<String>> changed = new TreeMap<>();
            Set<String> tables = new TreeSet<>(before.keySet());
            tables.addAll(after.keySet());
            for (String table : tables) {
                Map<String, Long> was = counted(before.getOrDefault(table, List.of()));
                Map<String, Long> is = counted(after.getOrDefault(table, List.of()));
                List<String> difference = new ArrayList<>();
                is.forEach((row, n) -> {
                    for (long i = was.getOrDefault(row, 0L); i < n; i++) {
                        difference.add("+ " + row);
                    }
                });
                was.forEach((row, n) -> {
                    for (long i = is.getOrDefault(row, 0L); i < n; i++) {
                        difference.add("- " + row);
                    }
                });
                if (!difference.isEmpty()) {
                    changed.put(table, difference);
                }
            }
            return changed;
        }

        private static Map<String, Long> counted(List<String> rows) {
            return rows.stream().collect(Collectors.groupingBy(row -> row, Collectors.counting()));
        }

        /**
         * Per dead-letter topic, the dead letters in {@code after} of records that had no dead letter in this
         * snapshot. A record dead-lettered before (one a consumer can never read) is dead-lettered again by the
         * replay, as the first time.
         */
        Map<String, List<String>> newDeadLetters(Snapshot after) {
            Map<String, List<String>> fresh = new TreeMap<>();
            after.deadLetters.forEach((topic, originals) -> {
                Set<String> known = Set.copyOf(deadLetters.getOrDefault(topic, List.of()));
                List<String> unknown = originals.stream().filter(original -> !known.contains(original)).toList();
                if (!unknown.isEmpty()) {
                    fresh.put(topic, unknown);
                }
            });
            return fresh;
        }
    }
}
