package io.ordersaga.messaging.inbox;

import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.MessagingProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Removes inbox rows older than {@code ordersaga.messaging.inbox.retention} (7 days by default), so the inbox stops
 * growing without bound. Every {@code retention-interval} (the first time one interval, at most a minute, after
 * start, on a thread of its own, never on the start path) one pass deletes the rows whose {@code processed_at} is
 * older than the window, {@code retention-batch-size} rows per statement, each statement its own short transaction,
 * then rests as long as the statement took (at least {@link #MIN_PAUSE}), so it takes at most half of one
 * connection's time and never holds locks the saga waits for: inbox rows are only ever inserted, so the only
 * thing a delete and the saga's insert could meet on is a row of an event delivered again after the window, which
 * the window's length rules out.
 *
 * <p>One instance per service runs the pass: it holds a PostgreSQL session advisory lock for the length of the pass;
 * an instance that finds it taken skips its turn (the other one is doing the work). The cut-off comes from the
 * database's clock, as {@code processed_at} does.
 *
 * <p>The rows are found through an index on {@code processed_at} (migration V5, which says why a B-tree, not BRIN,
 * and why not time partitions).
 */
public class InboxRetention implements SmartLifecycle {

    /** A window shorter than this is almost surely shorter than the topics' retention: it is logged as a WARN. */
    static final Duration SHORT = Duration.ofDays(1);
    static final Duration MIN_PAUSE = Duration.ofMillis(50);
    private static final Duration MAX_FIRST_DELAY = Duration.ofMinutes(1);
    private static final String LOCK_KEY = "ordersaga.inbox-retention";
    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    /**
     * The oldest {@code ?} rows older than {@code ?}, deleted by their physical address. The ORDER BY keeps the
     * plan on the index also once the statement's plan is generic (PostgreSQL's plan cache, after five runs of the
     * prepared statement), which cannot see the cut-off: without it a sequential scan looks as cheap for a LIMIT,
     * and reads the whole table when there is little to delete.
     */
    static final String DELETE_BATCH = """
            DELETE FROM messaging.inbox WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM messaging.inbox WHERE processed_at < ? ORDER BY processed_at LIMIT ?))""";

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    public InboxRetention(DataSource dataSource, MessagingProperties.Inbox config) {
        this.dataSource = dataSource;
        this.retention = config.getRetention();
        this.interval = config.getRetentionInterval();
        this.batchSize = config.getRetentionBatchSize();
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("ordersaga.messaging.inbox.retention must be 0 (off) or positive, not "
                    + retention);
        }
        if (isEnabled() && (interval == null || interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("ordersaga.messaging.inbox.retention-interval must be positive, not "
                    + interval);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("ordersaga.messaging.inbox.retention-batch-size must be positive, not "
                    + batchSize);
        }
    }

    /** Off with {@code ordersaga.messaging.inbox.retention=0}: the rows are kept forever. */
    public boolean isEnabled() {
        return !retention.isZero();
    }

    @Override
    public synchronized void start() {
        if (running || !isEnabled()) {
            return;
        }
        if (retention.compareTo(SHORT) < 0) {
            log.warn("The inbox keeps rows for only {}: an event delivered again after that (a consumer group re-reading "
                    + "its topics, whose retention is 7 days by default) would run its effect twice. Keep "
                    + "ordersaga.messaging.inbox.retention at least as long as the consumed topics' retention.",
                    retention);
        }
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "inbox-retention");
            thread.setDaemon(true);
            return thread;
        });
        long first = Math.min(interval.toMillis(), MAX_FIRST_DELAY.toMillis());
        scheduler.scheduleWithFixedDelay(this::scheduledPass, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current;
        synchronized (this) {
            running = false;
            current = scheduler;
            scheduler = null;
        }
        if (current != null) {
            current.shutdownNow(); // ends a pause; a statement in flight finishes (it is short)
            try {
                current.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void scheduledPass() {
        try {
            removeExpired();
        } catch (SQLException | RuntimeException e) {
            log.warn("Inbox retention pass failed; it runs again in {}: {}", interval, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass: removes every row older than the window, batch by batch, unless another instance holds the lock. */
    public Pass removeExpired() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // each batch's DELETE is its own transaction
            if (!AdvisoryLocks.trySessionLock(connection, LOCK_KEY)) {
                log.debug("Inbox retention skipped: another instance holds the lock");
                return Pass.SKIPPED;
            }
            try {
                return removeExpired(connection);
            } finally {
                AdvisoryLocks.unlockSession(connection, LOCK_KEY);
            }
        }
    }

    private Pass removeExpired(Connection connection) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        OffsetDateTime cutoff = cutoff(connection);
        long removed = 0;
        int batches = 0;
        try (PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
            delete.setObject(1, cutoff);
            delete.setInt(2, batchSize);
            int deleted;
            do {
                long batchStarted = System.nanoTime();
                deleted = delete.executeUpdate();
                removed += deleted;
                batches++;
                if (deleted == batchSize) {
                    long took = (System.nanoTime() - batchStarted) / 1_000_000;
                    Thread.sleep(Math.max(took, MIN_PAUSE.toMillis()));
                }
            } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        }
        if (removed > 0) {
            log.info("Inbox retention removed {} row(s) processed before {} in {} batch(es), {} ms", removed, cutoff,
                    batches, (System.nanoTime() - started) / 1_000_000);
        }
        return new Pass(true, removed, batches);
    }

    private OffsetDateTime cutoff(Connection connection) throws SQLException {
        try (PreparedStatement now = connection.prepareStatement("SELECT now() - make_interval(secs => ?)")) {
            now.setDouble(1, retention.toMillis() / 1000.0);
            try (ResultSet rs = now.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    /**
     * What one pass did.
     *
     * @param ran     false when another instance held the lock and this one left the work to it
     * @param removed rows deleted
     * @param batches DELETE statements run (the last one removed fewer rows than a batch holds)
     */
    public record Pass(boolean ran, long removed, int batches) {
        static final Pass SKIPPED = new Pass(false, 0, 0);
    }
}
