package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.TestMutations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends outbox rows to Kafka and deletes each one only after the broker acknowledged it.
 *
 * <ul>
 *   <li>One relay per service is active, even with several instances: the active one holds a PostgreSQL
 *       session advisory lock on its own connection; the others wait for it.</li>
 *   <li>It reads the table in id order, never {@code id > last_seen}: sequence values commit out of order, and a
 *       high-water mark would skip the late ones.</li>
 *   <li>A commit that wrote rows wakes it at once; the poll interval is only a safety net (other instances'
 *       commits, restarts, broker outages).</li>
 *   <li>Delete-on-send: the rows the broker acknowledged are deleted by the relay's next read, in the same statement
 *       ({@link #poll}), so a batch costs one round trip and no row is ever updated: the table holds exactly the rows
 *       still to send, plus, for a moment, the last batch sent. When no commit wakes the relay within
 *       {@link #DELETE_DELAY}, it reads (and deletes) anyway; when it stops, it deletes what it sent.</li>
 *   <li>A crash between send and delete means the row is sent again: consumers deduplicate on the event id. So the
 *       delete need not wait for a disk flush ({@link #poll}).</li>
 *   <li>Each key's rows reach the broker in insertion order even when a send fails: a batch goes in waves, each
 *       holding at most one row per key and sent only once the broker answered the one before ({@link #send}).</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LOCK_KEY = "ordersaga.outbox-relay";
    /** How long acknowledged rows may wait for a read to delete them along with it. */
    static final Duration DELETE_DELAY = Duration.ofMillis(50);
    /** After the listener containers: a relay starts after them and stops before them (both relays). */
    static final int PHASE = Integer.MAX_VALUE - 50;

    private final DataSource dataSource;
    private final MessagingProperties.Outbox config;
    private final KeyOrderedSender sender;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, Object> kafka, MessagingProperties.Outbox config) {
        this(dataSource, kafka, config, OutboxTracing.NONE);
    }

    /** @param tracing sends each row inside the trace that was current when the row was written */
    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, Object> kafka, MessagingProperties.Outbox config,
                       OutboxTracing tracing) {
        this.dataSource = dataSource;
        this.config = config;
        this.sender = new KeyOrderedSender(kafka, tracing);
    }

    /** Asks the relay to look for unsent rows now. Cheap; called after every commit that wrote some. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Whether this instance holds the relay lock. */
    public boolean isLeader() {
        return leader;
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
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
        }
        if (current != null) {
            wake();
            try {
                current.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Off with {@code ordersaga.messaging.outbox.relay-enabled=false}, for example to build up a backlog in a test. */
    @Override
    public boolean isAutoStartup() {
        return config.isRelayEnabled();
    }

    /** Starts after the listener containers and stops before them, so in-flight handler output still gets sent. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() throws InterruptedException {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (!AdvisoryLocks.trySessionLock(connection, LOCK_KEY)) {
                    await(config.getPollInterval().multipliedBy(2));
                    continue;
                }
                leader = true;
                log.info("Outbox relay active on this instance");
                try {
                    relayWhileLeader(connection);
                } finally {
                    leader = false;
                    AdvisoryLocks.unlockSession(connection, LOCK_KEY);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Outbox relay paused: {}", e.toString());
                    await(config.getPollInterval());
                }
            }
        }
    }

    private void relayWhileLeader(Connection connection) throws SQLException, InterruptedException {
        List<Long> acknowledged = List.of();
        try {
            while (running) {
                List<OutboxRow> rows = poll(connection, acknowledged, config.getBatchSize());
                acknowledged = List.of();
                if (!rows.isEmpty()) {
                    if (TestMutations.relayDeletesBeforeAck()) { // test-only: the bug this class must never have
                        poll(connection, rows.stream().map(OutboxRow::id).toList(), 0);
                    }
                    CrashPoints.reached(CrashPoints.RELAY_BEFORE_SEND);
                    acknowledged = send(rows);
                    CrashPoints.reached(CrashPoints.RELAY_AFTER_SEND);
                }
                if (acknowledged.size() < config.getBatchSize()) {
                    // Acknowledged rows wait for the next read, which a commit may soon bring, but not for long.
                    await(acknowledged.isEmpty() ? config.getPollInterval() : DELETE_DELAY);
                }
            }
        } finally {
            if (!acknowledged.isEmpty()) {
                poll(connection, acknowledged, 0);
            }
        }
    }

    /** Sends the rows in per-key waves ({@link KeyOrderedSender#send}); returns the ids the broker acknowledged. */
    List<Long> send(List<OutboxRow> rows) throws InterruptedException {
        return sender.send(rows);
    }

    /**
     * Deletes the rows the broker acknowledged and reads the next {@code limit} rows to send, in id order, in one
     * statement and one round trip. The delete and the read share one snapshot, in which the deleted rows are still
     * visible, so the read leaves them out itself.
     *
     * <p>The statement's transaction commits without waiting for its WAL to reach the disk
     * ({@code synchronous_commit = off} for this transaction only, so nothing stays set on the pooled connection).
     * Losing the delete is safe: should PostgreSQL crash within the next few hundred milliseconds, the rows come
     * back and are sent again, exactly as after a crash between send and delete, and consumers deduplicate on the
     * event id. It cannot lose a row either: the rows themselves were written by transactions that did wait, and
     * only rows the broker acknowledged are deleted. This spares a disk flush per batch sent.
     */
    static List<OutboxRow> poll(Connection connection, List<Long> acknowledged, int limit) throws SQLException {
        try (PreparedStatement poll = connection.prepareStatement("""
                WITH no_flush_wait AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true)),
                     sent AS (DELETE FROM messaging.outbox USING no_flush_wait WHERE id = ANY (?))
                SELECT id, event_id, topic, message_key, event_type, event_version, payload, trace_parent
                FROM messaging.outbox WHERE id <> ALL (?) ORDER BY id LIMIT ?""")) {
            Array ids = connection.createArrayOf("bigint", acknowledged.toArray());
            poll.setArray(1, ids);
            poll.setArray(2, ids);
            poll.setInt(3, limit);
            try (ResultSet rs = poll.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)));
                }
                return rows;
            }
        }
    }

    private void await(Duration timeout) throws InterruptedException {
        if (wakeUp.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUp.drainPermits();
        }
    }

    record OutboxRow(long id, String eventId, String topic, String key, String eventType, int eventVersion,
                     String payload, String traceParent) {
    }
}
