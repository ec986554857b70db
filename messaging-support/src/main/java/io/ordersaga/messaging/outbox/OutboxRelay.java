package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends outbox rows to Kafka and marks each one sent only after the broker acknowledged it.
 *
 * <ul>
 *   <li>One relay per service is active, even with several instances: the active one holds a PostgreSQL
 *       session advisory lock on its own connection; the others wait for it.</li>
 *   <li>It reads unsent rows ({@code sent_at IS NULL}) in id order, never {@code id > last_seen}: sequence values
 *       commit out of order, and a high-water mark would skip the late ones.</li>
 *   <li>A commit that wrote rows wakes it at once; the poll interval is only a safety net (other instances'
 *       commits, restarts, broker outages).</li>
 *   <li>A crash between send and mark means the row is sent again: consumers deduplicate on the event id. So the
 *       mark need not wait for a disk flush ({@link #markSent}).</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LOCK_KEY = "ordersaga.outbox-relay";
    private static final long PURGE_EVERY_MILLIS = 60_000;

    private final DataSource dataSource;
    private final KafkaTemplate<String, Object> kafka;
    private final MessagingProperties.Outbox config;
    private final OutboxTracing tracing;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;
    private long lastPurge;

    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, Object> kafka, MessagingProperties.Outbox config) {
        this(dataSource, kafka, config, OutboxTracing.NONE);
    }

    /** @param tracing sends each row inside the trace that was current when the row was written */
    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, Object> kafka, MessagingProperties.Outbox config,
                       OutboxTracing tracing) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
        this.tracing = tracing;
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
        return Integer.MAX_VALUE - 50;
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
        while (running) {
            int sent = relayBatch(connection);
            purgeSentRows(connection);
            if (sent < config.getBatchSize()) {
                await(config.getPollInterval());
            }
        }
    }

    /** Sends one batch; returns how many rows it marked sent. */
    int relayBatch(Connection connection) throws SQLException, InterruptedException {
        List<OutboxRow> rows = unsent(connection);
        if (rows.isEmpty()) {
            return 0;
        }
        CrashPoints.reached(CrashPoints.RELAY_BEFORE_SEND);
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(tracing.send(row.traceParent(), row.topic(), () -> kafka.send(record(row))));
        }
        // The batch is complete, so the producer need not linger (linger.ms) for more records: send it now.
        kafka.flush();
        List<Long> acknowledged = new ArrayList<>(rows.size());
        Set<String> failedKeys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            try {
                acks.get(i).get();
                // A later row of a key whose earlier row failed stays unsent, so it goes again after that one.
                if (!failedKeys.contains(row.key())) {
                    acknowledged.add(row.id());
                }
            } catch (ExecutionException e) {
                failedKeys.add(row.key());
                log.warn("Broker did not acknowledge outbox row {} ({}); it stays unsent: {}", row.id(), row.eventType(),
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
        CrashPoints.reached(CrashPoints.RELAY_AFTER_SEND);
        markSent(connection, acknowledged);
        return acknowledged.size();
    }

    private ProducerRecord<String, Object> record(OutboxRow row) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.key(),
                row.payload().getBytes(StandardCharsets.UTF_8));
        EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, row.eventType());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, row.eventId());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_VERSION, Integer.toString(row.eventVersion()));
        return record;
    }

    private List<OutboxRow> unsent(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, event_id, topic, message_key, event_type, event_version, payload, trace_parent
                FROM messaging.outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?""")) {
            select.setInt(1, config.getBatchSize());
            try (ResultSet rs = select.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)));
                }
                return rows;
            }
        }
    }

    /**
     * Marks the rows sent in a transaction that commits without waiting for its WAL to reach the disk
     * ({@code synchronous_commit = off} for this transaction only, so nothing stays set on the pooled connection).
     * Losing the mark is safe: should PostgreSQL crash within the next few hundred milliseconds, the rows are sent
     * again, exactly as after a crash between send and mark, and consumers deduplicate on the event id. The rows
     * themselves were written by transactions that did wait. This spares a disk flush per batch sent.
     */
    static void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                WITH no_flush_wait AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
                UPDATE messaging.outbox SET sent_at = now() FROM no_flush_wait WHERE id = ANY (?)""")) {
            update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    private void purgeSentRows(Connection connection) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < PURGE_EVERY_MILLIS) {
            return;
        }
        lastPurge = now;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM messaging.outbox WHERE sent_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, config.getRetention().toSeconds());
            delete.executeUpdate();
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
