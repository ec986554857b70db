package io.ordersaga.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The logical relay on the shared PostgreSQL (wal_level=logical) and broker, on a database of its own: events
 * written as logical decoding messages by {@link LogicalOutboxWriter} reach the broker once each, in commit order;
 * per-key order survives a failed send; the slot never moves past what the broker has not acknowledged, so a relay
 * cut off between send and confirmation sends again and loses nothing.
 */
class LogicalOutboxRelayIT {

    private static final String DATABASE = "logical_outbox_it";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DataSource dataSource;
    private static DefaultKafkaProducerFactory<String, Object> producers;
    private static KafkaTestClient kafka;
    private String topic;
    private LogicalOutboxRelay relay;

    @BeforeAll
    static void start() {
        dataSource = RelayFixtures.database(DATABASE);
        producers = RelayFixtures.producers();
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void stop() {
        producers.destroy();
        kafka.close();
    }

    @BeforeEach
    void newTopic() throws Exception {
        topic = RelayFixtures.newTopic("logical-outbox-it-");
    }

    /** Each test starts on a new slot, at the server's position then: what an earlier test left unsent is gone. */
    @AfterEach
    void stopRelayAndDropSlot() {
        if (relay != null) {
            relay.stop();
        }
        await().atMost(WAIT).until(() -> {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                        + " WHERE slot_name = '" + OutboxSlot.name(DATABASE) + "'");
                return true;
            } catch (SQLException stillActive) {
                return false;
            }
        });
    }

    @Test
    void sendsCommittedTransactionsOnceEachInCommitOrderAndNeverARolledBackOne() throws Exception {
        relay = started(new KafkaTemplate<>(producers));
        String end;
        try (Connection first = transaction(); Connection second = transaction(); Connection third = transaction()) {
            emit(first, "order-a", "EmittedFirstCommittedSecond");
            emit(second, "order-a", "EmittedSecondCommittedFirst");
            emit(second, "order-b", "SameTransactionNextOne");
            emit(third, "order-a", "RolledBack");
            second.commit();
            third.rollback();
            end = commit(first);
        }

        await().atMost(WAIT).until(() -> confirmedPast(end));
        List<ConsumerRecord<String, String>> records = kafka.records(topic);
        assertThat(records).extracting(LogicalOutboxRelayIT::eventType).as("commit order, each once, no rollback")
                .containsExactly("EmittedSecondCommittedFirst", "SameTransactionNextOne", "EmittedFirstCommittedSecond");
        assertThat(records).extracting(LogicalOutboxRelayIT::eventId).doesNotHaveDuplicates();
        assertThat(records.get(0).value()).isEqualTo("{\"probe\":\"EmittedSecondCommittedFirst\"}");
    }

    /** As {@code OutboxRelayIT.aFailedSendHoldsBackItsKeysLaterRowsButNotOtherKeys}, from the slot. */
    @Test
    void aFailedSendHoldsBackItsKeysLaterMessagesButNotOtherKeys() throws Exception {
        RefusingTemplate template = RefusingTemplate.firstSendOf("order-k", producers);
        relay = prepared(template);
        String end;
        try (Connection connection = transaction()) {
            emit(connection, "order-k", "K1");
            emit(connection, "order-l", "L1");
            emit(connection, "order-k", "K2");
            emit(connection, "order-l", "L2");
            end = commit(connection);
        }
        started(relay);

        await().atMost(WAIT).until(() -> confirmedPast(end));
        assertThat(template.handedOver).as("K2 was not sent while K1 had not gone through, L went on")
                .containsExactly("K1", "L1", "L2", "K1", "K2");
        assertThat(eventTypes("order-k")).as("K's records on the topic").containsExactly("K1", "K2");
        assertThat(eventTypes("order-l")).as("L's records on the topic").containsExactly("L1", "L2");
    }

    @Test
    void theSlotDoesNotMovePastAMessageTheBrokerHasNotAcknowledged() throws Exception {
        AtomicBoolean brokerRefusesK = new AtomicBoolean(true);
        RefusingTemplate template = new RefusingTemplate(producers,
                record -> brokerRefusesK.get() && "order-k".equals(record.key()));
        relay = started(template);
        commit("order-o", "O1");
        await().atMost(WAIT).until(() -> eventTypes("order-o").equals(List.of("O1")));
        String beforeK = commit("order-k", "K1");
        String end = commit("order-o", "O2");

        // O2, committed after K1, went; K1 was refused at least twice, so the relay confirmed after sending O2.
        await().atMost(WAIT).until(() -> eventTypes("order-o").equals(List.of("O1", "O2"))
                && template.handedOver.stream().filter("K1"::equals).count() >= 2);
        assertThat(confirmedPast(beforeK)).as("the slot stays before K1's transaction").isFalse();
        assertThat(relay.oldestUnconfirmed()).as("the age metric's source: K1's commit").isNotNull();

        brokerRefusesK.set(false);
        await().atMost(WAIT).until(() -> confirmedPast(end));
        await().atMost(WAIT).until(() -> relay.oldestUnconfirmed() == null);
        assertThat(eventTypes("order-k")).containsExactly("K1");
        assertThat(eventTypes("order-o")).as("nothing sent twice").containsExactly("O1", "O2");
    }

    /**
     * What {@code ORDERSAGA_CRASH_AT=relay-after-send} does to a service, done to its replication connection: the
     * broker acknowledged the records, and the server ends the relay's session before the slot hears of it.
     */
    @Test
    void aRelayCutOffAfterTheSendBeforeTheConfirmationSendsAgainAndLosesNothing() throws Exception {
        AtomicBoolean cutOff = new AtomicBoolean();
        KafkaTemplate<String, Object> crashing = new KafkaTemplate<>(producers) {
            @Override
            public void flush() {
                super.flush(); // the broker has acknowledged the wave
                if (cutOff.compareAndSet(false, true)) {
                    terminateWalSender();
                }
            }
        };
        relay = prepared(crashing);
        String end;
        try (Connection connection = transaction()) {
            emit(connection, "order-1", "First");
            emit(connection, "order-2", "Second");
            end = commit(connection);
        }
        started(relay);

        await().atMost(WAIT).until(() -> confirmedPast(end));
        List<ConsumerRecord<String, String>> records = kafka.records(topic);
        List<String> ids = records.stream().map(LogicalOutboxRelayIT::eventId).toList();
        assertThat(records).extracting(LogicalOutboxRelayIT::eventType)
                .containsExactly("First", "Second", "First", "Second");
        assertThat(ids).as("sent again under the same ids, for the consumers to deduplicate")
                .containsExactly(ids.get(0), ids.get(1), ids.get(0), ids.get(1));

        relay.stop();
        relay = started(new KafkaTemplate<>(producers));
        commit("order-3", "Third");
        await().atMost(WAIT).until(() -> eventTypes("order-3").equals(List.of("Third")));
        assertThat(kafka.records(topic)).as("once confirmed, not sent a third time").hasSize(5);
    }

    @Test
    void rowsTheTableRelayLeftGoFirst() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload)
                     VALUES (?, ?, 'order-1', 'FromTheTable', 1, '{}')""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.execute();
        }
        relay = prepared(new KafkaTemplate<>(producers));
        commit("order-1", "FromTheSlot");
        started(relay);

        await().atMost(WAIT).until(() -> eventTypes("order-1").size() == 2);
        assertThat(eventTypes("order-1")).containsExactly("FromTheTable", "FromTheSlot");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM messaging.outbox", Long.class))
                .isZero();
    }

    /** Other writes of the database (and other databases') pass the slot by; a heartbeat lets it move past them. */
    @Test
    void aHeartbeatMovesAnIdleSlotOn() throws Exception {
        relay = started(new KafkaTemplate<>(producers));
        new JdbcTemplate(dataSource).execute("CREATE TEMPORARY TABLE idle_writes AS SELECT generate_series(1, 100)");
        String afterWrites = currentLsn();

        LogicalOutboxRelay.emitHeartbeat(dataSource);

        await().atMost(WAIT).until(() -> confirmedPast(afterWrites));
    }

    @Test
    void theSlotIsAPgoutputFailoverSlotOfTheServicesDatabase() throws SQLException {
        relay = prepared(new KafkaTemplate<>(producers));

        assertThat(new JdbcTemplate(dataSource).queryForMap("""
                SELECT plugin, database, failover, slot_type FROM pg_replication_slots WHERE slot_name = ?""",
                relay.slot())).containsEntry("plugin", "pgoutput").containsEntry("database", DATABASE)
                .containsEntry("failover", true).containsEntry("slot_type", "logical");
    }

    @Test
    void aRoleWithoutReplicationFailsWithWhatToDo() {
        JdbcTemplate admin = new JdbcTemplate(dataSource);
        admin.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'no_replication') THEN
                        CREATE ROLE no_replication LOGIN PASSWORD 'no_replication';
                    END IF;
                END $$""");
        DataSource withoutReplication = new DriverManagerDataSource(SharedPostgres.jdbcUrl(DATABASE),
                "no_replication", "no_replication");

        assertThatThrownBy(() -> OutboxSlot.prepare(withoutReplication))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REPLICATION")
                .hasMessageContaining("ALTER ROLE no_replication REPLICATION")
                .hasMessageContaining("ordersaga.messaging.outbox.relay=table");
    }

    private static LogicalOutboxRelay started(KafkaTemplate<String, Object> template) throws SQLException {
        return started(prepared(template));
    }

    /** A relay whose slot exists (from then on the slot keeps what is committed), not started yet. */
    private static LogicalOutboxRelay prepared(KafkaTemplate<String, Object> template) throws SQLException {
        MessagingProperties.Outbox config = new MessagingProperties.Outbox();
        config.setPollInterval(Duration.ofMillis(200));
        LogicalOutboxRelay prepared = new LogicalOutboxRelay(dataSource, new LogicalOutboxRelay.Login(
                SharedPostgres.jdbcUrl(DATABASE), SharedPostgres.USER, SharedPostgres.PASSWORD), template, config,
                OutboxTracing.NONE);
        prepared.afterPropertiesSet();
        return prepared;
    }

    private static LogicalOutboxRelay started(LogicalOutboxRelay relay) {
        relay.start();
        await().atMost(WAIT).until(relay::isLeader);
        return relay;
    }

    private static Connection transaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /** Commits one event in a transaction of its own; returns {@link #commit(Connection)}'s position. */
    private String commit(String key, String eventType) throws SQLException {
        try (Connection connection = transaction()) {
            emit(connection, key, eventType);
            return commit(connection);
        }
    }

    /**
     * Commits; returns the server's position just before, which the transaction's commit record follows: once the
     * slot is confirmed past it, that transaction has been sent (or, idle, a heartbeat after it arrived).
     */
    private static String commit(Connection connection) throws SQLException {
        String before = currentLsn();
        connection.commit();
        return before;
    }

    private void emit(Connection connection, String key, String eventType) {
        new LogicalOutboxWriter(new JdbcTemplate(new SingleConnectionDataSource(connection, true))).write(List.of(
                new OutboxEvent(UUID.randomUUID(), topic, key, eventType, 1,
                        ("{\"probe\":\"" + eventType + "\"}").getBytes(StandardCharsets.UTF_8), null)));
    }

    /** Where the next WAL record goes (the insert position: the write position may still be behind it). */
    private static String currentLsn() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT pg_current_wal_insert_lsn()::text", String.class);
    }

    /** Whether the slot's confirmed position is at or past {@code lsn}. */
    private static boolean confirmedPast(String lsn) {
        Boolean past = new JdbcTemplate(dataSource).queryForObject("""
                SELECT coalesce(confirmed_flush_lsn >= ?::pg_lsn, false) FROM pg_replication_slots
                WHERE slot_name = ?""", Boolean.class, lsn, OutboxSlot.name(DATABASE));
        return Boolean.TRUE.equals(past);
    }

    private static void terminateWalSender() {
        new JdbcTemplate(dataSource).queryForObject("""
                SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = ?""",
                Boolean.class, OutboxSlot.name(DATABASE));
    }

    private List<String> eventTypes(String key) {
        return kafka.records(topic).stream().filter(record -> key.equals(record.key()))
                .map(LogicalOutboxRelayIT::eventType).toList();
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        return EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE);
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        return EventHeaders.text(record.headers(), EventHeaders.EVENT_ID);
    }
}
