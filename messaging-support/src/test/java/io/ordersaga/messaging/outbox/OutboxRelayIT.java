package io.ordersaga.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.outbox.OutboxRelay.OutboxRow;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's steps on a real PostgreSQL and a real broker, driven one by one on a database of its own where no relay
 * runs by itself: what a read deletes and returns, what a crash between send and delete leaves behind, and how a
 * failed send holds back its key's later rows.
 */
class OutboxRelayIT {

    private static final int DELETES = 40;

    private static DataSource dataSource;
    private static DefaultKafkaProducerFactory<String, Object> producers;
    private static KafkaTestClient kafka;
    private String topic;

    @BeforeAll
    static void start() {
        dataSource = RelayFixtures.database("outbox_relay_it");
        producers = RelayFixtures.producers();
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void stop() {
        producers.destroy();
        kafka.close();
    }

    @BeforeEach
    void emptyOutboxAndNewTopic() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM messaging.outbox")) {
            delete.execute();
        }
        topic = RelayFixtures.newTopic("outbox-relay-it-");
    }

    @Test
    void aReadDeletesWhatTheBrokerAcknowledgedAndReturnsTheOtherRowsInIdOrder() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long first = insert(connection, "a", "First");
            long second = insert(connection, "b", "Second");
            long third = insert(connection, "a", "Third");

            assertThat(OutboxRelay.poll(connection, List.of(), 10)).extracting(OutboxRow::id)
                    .containsExactly(first, second, third);
            // The deleted rows are still in the statement's snapshot: the read must leave them out itself.
            assertThat(OutboxRelay.poll(connection, List.of(first, third), 10)).extracting(OutboxRow::id)
                    .containsExactly(second);
            assertThat(OutboxRelay.poll(connection, List.of(), 10)).extracting(OutboxRow::id)
                    .containsExactly(second);

            // As a relay that stops: it reads nothing more, and still deletes what the broker acknowledged.
            assertThat(OutboxRelay.poll(connection, List.of(second), 0)).isEmpty();
            assertThat(OutboxRelay.poll(connection, List.of(), 10)).isEmpty();
        }
    }

    @Test
    void theDeleteCommitsWithoutWaitingForTheDiskInItsOwnTransactionOnly() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            likeTheServices(connection);
            connection.setAutoCommit(false);
            long id = insert(connection, "key", "Probe");
            assertThat(setting(connection)).isEqualTo("on");

            OutboxRelay.poll(connection, List.of(id), 10);

            assertThat(setting(connection)).as("inside the delete's transaction").isEqualTo("off");
            connection.commit();
            assertThat(setting(connection)).as("after it, back on the pooled connection").isEqualTo("on");
            assertThat(OutboxRelay.poll(connection, List.of(), 10)).isEmpty();
            resetSession(connection);
        }
    }

    @Test
    void deletesInAutocommitModeDoNotEachFlushTheLog() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            likeTheServices(connection);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < DELETES; i++) {
                ids.add(insert(connection, "key-" + i, "Probe"));
            }
            long syncsBefore = walSyncs(connection);
            for (long id : ids) {
                OutboxRelay.poll(connection, List.of(id), 10); // as the relay does: one autocommit statement a batch
            }
            long syncs = walSyncs(connection) - syncsBefore;

            // Each commit that waits flushes the log itself; 40 deletes would be 40 flushes (the inserts above were).
            // Without waiting, only the WAL writer flushes, a few times a second, plus whatever else commits now.
            assertThat(syncs).as("WAL flushes during %d deletes", DELETES).isLessThan(DELETES / 2);
            assertThat(OutboxRelay.poll(connection, List.of(), 10)).isEmpty();
            resetSession(connection);
        }
    }

    /** What {@code ORDERSAGA_CRASH_AT=relay-after-send} does to a process, done to the relay's steps instead. */
    @Test
    void aCrashAfterTheSendBeforeTheDeleteSendsTheRowsAgain() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, "order-1", "First");
            insert(connection, "order-2", "Second");
            OutboxRelay crashing = relay(new KafkaTemplate<>(producers));
            List<OutboxRow> sent = OutboxRelay.poll(connection, List.of(), 10);
            assertThat(crashing.send(sent)).hasSize(2);
            // The crash: the acknowledged ids die with the process, so no read deletes them.

            OutboxRelay restarted = relay(new KafkaTemplate<>(producers));
            List<OutboxRow> again = OutboxRelay.poll(connection, List.of(), 10);
            assertThat(again).isEqualTo(sent);
            List<Long> acknowledged = restarted.send(again);
            assertThat(OutboxRelay.poll(connection, acknowledged, 10)).isEmpty();
            assertThat(OutboxRelay.poll(connection, List.of(), 10)).as("the outbox after the delete").isEmpty();
        }
        List<String> eventIds = kafka.records(topic).stream()
                .map(record -> EventHeaders.text(record.headers(), EventHeaders.EVENT_ID)).toList();
        assertThat(eventIds).as("each event twice, under the same id, for the consumers to deduplicate")
                .hasSize(4).containsExactly(eventIds.get(0), eventIds.get(1), eventIds.get(0), eventIds.get(1));
    }

    @Test
    void aFailedSendHoldsBackItsKeysLaterRowsButNotOtherKeys() throws Exception {
        RefusingTemplate template = RefusingTemplate.firstSendOf("order-k", producers);
        OutboxRelay relay = relay(template);
        try (Connection connection = dataSource.getConnection()) {
            long k1 = insert(connection, "order-k", "K1");
            long l1 = insert(connection, "order-l", "L1");
            long k2 = insert(connection, "order-k", "K2");
            long l2 = insert(connection, "order-l", "L2");

            List<Long> acknowledged = relay.send(OutboxRelay.poll(connection, List.of(), 10));

            assertThat(acknowledged).as("the other key went, both of its rows").containsExactly(l1, l2);
            assertThat(template.handedOver).as("K2 was not sent while K1 had not gone through")
                    .containsExactly("K1", "L1", "L2");
            List<OutboxRow> left = OutboxRelay.poll(connection, acknowledged, 10);
            assertThat(left).extracting(OutboxRow::id).as("K's rows, in order, for the next read")
                    .containsExactly(k1, k2);

            acknowledged = relay.send(left);
            assertThat(acknowledged).containsExactly(k1, k2);
            assertThat(template.handedOver).containsExactly("K1", "L1", "L2", "K1", "K2");
            assertThat(OutboxRelay.poll(connection, acknowledged, 10)).isEmpty();
        }
        assertThat(eventTypes("order-k")).as("K's records on the topic").containsExactly("K1", "K2");
        assertThat(eventTypes("order-l")).as("L's records on the topic").containsExactly("L1", "L2");
    }

    /**
     * Sent but not yet deleted rows are deleted by the next read, which a commit brings at once, or else the relay
     * makes soon after ({@link OutboxRelay#DELETE_DELAY}), long before its safety-net poll.
     */
    @Test
    void theRunningRelayDeletesWhatItSentWithoutAnotherCommitToWakeIt() throws Exception {
        MessagingProperties.Outbox config = new MessagingProperties.Outbox();
        config.setPollInterval(Duration.ofHours(1));
        OutboxRelay relay = new OutboxRelay(dataSource, new KafkaTemplate<>(producers), config);
        relay.start();
        try (Connection connection = dataSource.getConnection()) {
            await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
            insert(connection, "order-1", "Only");
            relay.wake();

            await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes("order-1").equals(List.of("Only")));
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(connection) == 0);
        } finally {
            relay.stop();
        }
        assertThat(eventTypes("order-1")).as("sent once").containsExactly("Only");
    }

    private OutboxRelay relay(KafkaTemplate<String, Object> template) {
        return new OutboxRelay(dataSource, template, new MessagingProperties.Outbox());
    }

    private long insert(Connection connection, String key, String eventType) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload)
                VALUES (?, ?, ?, ?, 1, '{}')
                RETURNING id""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, eventType);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long outboxRows(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM messaging.outbox");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> eventTypes(String key) {
        return kafka.records(topic).stream().filter(record -> key.equals(record.key()))
                .map(record -> EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)).toList();
    }

    /** The test server commits asynchronously by default (zonky's setting); the services' servers do not. */
    private static void likeTheServices(Connection connection) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SET synchronous_commit = on")) {
            set.execute();
        }
    }

    private static void resetSession(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement reset = connection.prepareStatement("RESET synchronous_commit")) {
            reset.execute();
        }
    }

    private static String setting(Connection connection) throws SQLException {
        try (PreparedStatement show = connection.prepareStatement("SHOW synchronous_commit");
             ResultSet rs = show.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's count of WAL flushes, this session's included (a backend reports its counts lazily). */
    private static long walSyncs(Connection connection) throws SQLException {
        try (PreparedStatement flush = connection.prepareStatement("SELECT pg_stat_force_next_flush()")) {
            flush.execute();
        }
        try (PreparedStatement stats = connection.prepareStatement("SELECT wal_sync FROM pg_stat_wal");
             ResultSet rs = stats.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
