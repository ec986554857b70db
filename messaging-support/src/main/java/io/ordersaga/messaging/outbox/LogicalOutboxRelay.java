package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.TestMutations;
import io.ordersaga.messaging.outbox.OutboxRelay.OutboxRow;
import io.ordersaga.messaging.outbox.PgOutput.Begin;
import io.ordersaga.messaging.outbox.PgOutput.Commit;
import io.ordersaga.messaging.outbox.PgOutput.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the outbox messages that {@link LogicalOutboxWriter} emitted, read from PostgreSQL's logical decoding stream
 * (the {@code pgoutput} plugin, on a replication slot of this service's database), and confirms the slot's position
 * only past transactions whose every message the broker acknowledged.
 *
 * <ul>
 *   <li>Transactions arrive in commit order, each once it committed; a rolled-back one never does. Their messages
 *       go to the broker in that order, in the same per-key waves as the table relay ({@link KeyOrderedSender}): a
 *       failed send holds back its key's later messages, not other keys'; they are tried again after
 *       {@code poll-interval}.</li>
 *   <li>The slot's {@code confirmed_flush_lsn} moves to the end of a transaction only once it and every transaction
 *       before it were acknowledged. A crash after the send and before that confirmation sends them again from the
 *       slot: consumers deduplicate on the event id.</li>
 *   <li>One relay per service is active, even with several instances: a slot streams to one connection at a time;
 *       the others retry every two poll intervals.</li>
 *   <li>An idle service's slot would hold the server's WAL from its last event on (other databases keep writing).
 *       So, after {@link #HEARTBEAT} without data, the relay commits an empty heartbeat transaction of its own,
 *       which it confirms as any other.</li>
 *   <li>Rows left in {@code messaging.outbox} by the table relay (a service switched from {@code table}) are sent
 *       first, under the table relay's lock, so the switch loses nothing.</li>
 * </ul>
 */
public class LogicalOutboxRelay implements SmartLifecycle, InitializingBean {

    static final String HEARTBEAT_PREFIX = "ordersaga.outbox.heartbeat";
    /** How long the stream may be quiet before the relay emits a heartbeat to move the slot on. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Failed messages kept in memory at most, as a multiple of the batch size; past it the relay reads no more. */
    private static final int HELD_BATCHES = 4;
    private static final String TABLE_RELAY_LOCK = "ordersaga.outbox-relay";
    private static final Logger log = LoggerFactory.getLogger(LogicalOutboxRelay.class);

    private final DataSource dataSource;
    private final Login login;
    private final MessagingProperties.Outbox config;
    private final KeyOrderedSender sender;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile String slot;
    private volatile boolean running;
    private volatile boolean leader;
    private volatile boolean reading;
    private volatile Connection replication;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile Instant oldestUnconfirmed;
    private Thread thread;
    private Thread heartbeat;

    /** How the relay logs in for its replication connection: the service's own database and role. */
    public record Login(String url, String user, String password) {
    }

    public LogicalOutboxRelay(DataSource dataSource, Login login, KafkaTemplate<String, Object> kafka,
                              MessagingProperties.Outbox config, OutboxTracing tracing) {
        this.dataSource = dataSource;
        this.login = login;
        this.config = config;
        this.sender = new KeyOrderedSender(kafka, tracing);
    }

    /**
     * Checks the server and creates the publication and the slot if absent ({@link OutboxSlot#prepare}), at bean
     * creation: a server without logical decoding fails the start.
     */
    @Override
    public void afterPropertiesSet() throws SQLException {
        slot = OutboxSlot.prepare(dataSource);
    }

    /** The slot this service's relay reads. */
    public String slot() {
        return slot;
    }

    /** Whether this instance streams from the slot. */
    public boolean isLeader() {
        return leader;
    }

    /** When the oldest transaction received but not yet confirmed committed; {@code null} when none waits. */
    public Instant oldestUnconfirmed() {
        return oldestUnconfirmed;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
        heartbeat = new Thread(this::heartbeats, "outbox-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /**
     * Lets the relay finish what it is sending; a relay waiting for the stream is cut off by closing its connection
     * under it (nothing unconfirmed is lost that way: the slot sends it again).
     */
    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
        }
        wakeUp.release();
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
        if (current == null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (current.isAlive() && System.nanoTime() < deadline) {
                Connection streaming = replication;
                if (reading && streaming != null) {
                    streaming.abort(Runnable::run);
                }
                current.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.debug("Could not abort the replication connection", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Off with {@code ordersaga.messaging.outbox.relay-enabled=false}, as the table relay. */
    @Override
    public boolean isAutoStartup() {
        return config.isRelayEnabled();
    }

    /** As the table relay: starts after the listener containers and stops before them. */
    @Override
    public int getPhase() {
        return OutboxRelay.PHASE;
    }

    private void run() {
        try {
            while (running) {
                try (Connection connection = DriverManager.getConnection(login.url(), replicationProperties())) {
                    PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                            .replicationStream().logical()
                            .withSlotName(slot)
                            .withSlotOption("proto_version", "1")
                            .withSlotOption("publication_names", OutboxSlot.PUBLICATION)
                            .withSlotOption("messages", "true")
                            .withStatusInterval(10, TimeUnit.SECONDS)
                            .start();
                    replication = connection;
                    leader = true;
                    log.info("Outbox relay active on this instance: streaming replication slot {}", slot);
                    try {
                        sendTableLeftovers();
                        relay(stream);
                    } finally {
                        leader = false;
                        replication = null;
                        oldestUnconfirmed = null;
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    if ("55006".equals(e instanceof SQLException sql ? sql.getSQLState() : null)) {
                        log.debug("Replication slot {} is in use by another instance's relay", slot);
                        await(config.getPollInterval().multipliedBy(2));
                    } else {
                        log.warn("Outbox relay paused: {}", e.toString());
                        await(config.getPollInterval());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties replicationProperties() {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, login.user());
        PGProperty.PASSWORD.set(properties, login.password());
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.APPLICATION_NAME.set(properties, "ordersaga-outbox-relay");
        return properties;
    }

    /**
     * Reads whole transactions, sends their messages, and confirms the slot past those acknowledged, until stopped.
     * It blocks on the stream only when it has nothing to send; with messages held back by a failed send it reads
     * only what is already there, and tries them again after the poll interval.
     */
    private void relay(PGReplicationStream stream) throws SQLException, InterruptedException {
        Deque<Transaction> unconfirmed = new ArrayDeque<>();
        Transaction open = null;
        long ordinal = 0;
        while (running) {
            int held = unconfirmed.stream().mapToInt(transaction -> transaction.unsent.size()).sum();
            ByteBuffer data = held == 0 ? read(stream)
                    : held < HELD_BATCHES * config.getBatchSize() ? stream.readPending() : null;
            int gathered = 0;
            while (data != null) {
                lastDataNanos = System.nanoTime();
                PgOutput.Decoded decoded = PgOutput.decode(data);
                if (decoded instanceof Begin begin) {
                    open = new Transaction(begin.commitTime());
                } else if (decoded instanceof Message message) {
                    if (message.transactional() && open != null && OutboxMessage.PREFIX.equals(message.prefix())) {
                        open.unsent.add(row(++ordinal, OutboxMessage.decode(message.content())));
                        gathered++;
                    }
                } else if (decoded instanceof Commit commit && open != null) {
                    open.endLsn = commit.endLsn();
                    unconfirmed.add(open);
                    open = null;
                }
                if (open != null) {
                    data = read(stream); // the rest of the transaction is on its way
                } else {
                    data = gathered >= config.getBatchSize() ? null : stream.readPending();
                }
            }
            if (!unconfirmed.isEmpty()) {
                oldestUnconfirmed = unconfirmed.peek().commitTime;
                send(stream, unconfirmed);
            }
            oldestUnconfirmed = unconfirmed.isEmpty() ? null : unconfirmed.peek().commitTime;
            if (!unconfirmed.isEmpty()) {
                // The broker refused some: try them again after a pause, keeping the connection alive meanwhile.
                await(config.getPollInterval());
                stream.forceUpdateStatus();
            }
        }
    }

    /** Sends what the transactions still hold, then confirms the slot past those now complete. */
    private void send(PGReplicationStream stream, Deque<Transaction> unconfirmed)
            throws SQLException, InterruptedException {
        List<OutboxRow> unsent = new ArrayList<>();
        unconfirmed.forEach(transaction -> unsent.addAll(transaction.unsent));
        if (TestMutations.relayDeletesBeforeAck()) { // test-only: the bug this class must never have
            confirm(stream, unconfirmed.peekLast().endLsn);
        }
        if (!unsent.isEmpty()) {
            CrashPoints.reached(CrashPoints.RELAY_BEFORE_SEND);
            Set<Long> acknowledged = new HashSet<>(sender.send(unsent));
            CrashPoints.reached(CrashPoints.RELAY_AFTER_SEND);
            unconfirmed.forEach(transaction -> transaction.unsent.removeIf(row -> acknowledged.contains(row.id())));
        }
        long complete = -1;
        while (!unconfirmed.isEmpty() && unconfirmed.peek().unsent.isEmpty()) {
            complete = unconfirmed.poll().endLsn;
        }
        if (complete >= 0) {
            confirm(stream, complete);
        }
    }

    /** Waits for the stream's next message; the stopping thread may cut the wait off ({@link #stop}). */
    private ByteBuffer read(PGReplicationStream stream) throws SQLException {
        reading = true;
        try {
            ByteBuffer data = running ? stream.read() : null;
            if (data == null && running) {
                throw new SQLException("the server ended the replication stream of slot " + slot);
            }
            return data;
        } finally {
            reading = false;
        }
    }

    /** Confirms everything up to {@code lsn} as sent: the slot will not hand it out again. */
    private static void confirm(PGReplicationStream stream, long lsn) throws SQLException {
        LogSequenceNumber position = LogSequenceNumber.valueOf(lsn);
        stream.setFlushedLSN(position);
        stream.setAppliedLSN(position);
        stream.forceUpdateStatus();
    }

    private static OutboxRow row(long ordinal, OutboxEvent event) {
        return new OutboxRow(ordinal, event.eventId().toString(), event.topic(), event.key(), event.eventType(),
                event.eventVersion(), new String(event.payload(), StandardCharsets.UTF_8), event.traceParent());
    }

    /**
     * Sends rows a table relay left in {@code messaging.outbox} (committed before the service switched to this
     * relay, so before anything in the slot), holding the table relay's lock so that an instance still on it does
     * not send them at the same time. Rows a table relay holding the lock sends are its business.
     */
    private void sendTableLeftovers() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!AdvisoryLocks.trySessionLock(connection, TABLE_RELAY_LOCK)) {
                return;
            }
            try {
                List<Long> acknowledged = List.of();
                List<OutboxRow> rows = OutboxRelay.poll(connection, acknowledged, config.getBatchSize());
                while (running && !rows.isEmpty()) {
                    log.info("Sending {} row(s) the table relay left in messaging.outbox", rows.size());
                    acknowledged = sender.send(rows);
                    if (acknowledged.isEmpty()) {
                        await(config.getPollInterval());
                    }
                    rows = OutboxRelay.poll(connection, acknowledged, config.getBatchSize());
                    acknowledged = List.of();
                }
            } finally {
                AdvisoryLocks.unlockSession(connection, TABLE_RELAY_LOCK);
            }
        }
    }

    /** Emits a heartbeat when the stream has been quiet for {@link #HEARTBEAT}, so that an idle slot moves on. */
    private void heartbeats() {
        while (running) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (leader && System.nanoTime() - lastDataNanos >= HEARTBEAT.toNanos()) {
                emitHeartbeat(dataSource);
            }
        }
    }

    /**
     * An empty transaction of the outbox's own: the relay confirms its end as it confirms any transaction it has
     * sent. Transactional, so that its commit flushes it and the WAL sender has it at once: a non-transactional
     * message waits in the WAL buffers until something else flushes them.
     */
    static void emitHeartbeat(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement emit = connection.prepareStatement(
                     "SELECT pg_logical_emit_message(true, ?, ''::bytea)")) {
            emit.setString(1, HEARTBEAT_PREFIX);
            emit.execute();
        } catch (SQLException e) {
            log.debug("Could not emit an outbox heartbeat: {}", e.toString());
        }
    }

    private void await(Duration timeout) throws InterruptedException {
        if (wakeUp.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUp.drainPermits();
        }
    }

    /** A committed transaction's outbox messages that the broker has not acknowledged yet. */
    private static final class Transaction {
        private final Instant commitTime;
        private final List<OutboxRow> unsent = new ArrayList<>();
        private long endLsn;

        private Transaction(Instant commitTime) {
            this.commitTime = commitTime;
        }
    }
}
