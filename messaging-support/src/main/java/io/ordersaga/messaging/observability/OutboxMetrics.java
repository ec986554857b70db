package io.ordersaga.messaging.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ordersaga.messaging.outbox.LogicalOutboxRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's queue depth, read at each scrape.
 *
 * <p>Table relay: from {@code messaging.outbox}, how many rows wait to be sent, and how long the oldest of them has
 * waited. Both grow while the broker is down (or the relay is stopped) and fall back to zero once the relay has
 * caught up. The relay deletes a row once the broker has it, so the table holds only rows still to send (and, for at
 * most {@code OutboxRelay.DELETE_DELAY}, the batch last sent).
 *
 * <p>Logical relay: no table to count. {@value #SLOT_LAG} is the WAL, in bytes, between the server's current
 * position and the slot's confirmed one: what the slot keeps from being recycled, and an upper bound of what is left
 * to send (it counts every database's WAL since the last confirmation, which a quiet relay moves on every
 * {@code LogicalOutboxRelay.HEARTBEAT}). {@value #OLDEST_AGE} is the age of the oldest transaction the relay holds
 * unconfirmed (0 when none, and while the relay is not streaming).
 */
final class OutboxMetrics implements MeterBinder {

    static final String BACKLOG = "ordersaga.outbox.backlog";
    static final String OLDEST_AGE = "ordersaga.outbox.oldest.unsent.age";
    static final String SLOT_LAG = "ordersaga.outbox.slot.lag";

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcTemplate jdbc;
    private final LogicalOutboxRelay logical;

    /** @param logical the logical relay, or {@code null} with the table relay */
    OutboxMetrics(JdbcTemplate jdbc, LogicalOutboxRelay logical) {
        this.jdbc = jdbc;
        this.logical = logical;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (logical != null) {
            Gauge.builder(SLOT_LAG, this, OutboxMetrics::slotLagBytes)
                    .description("WAL bytes between the server's position and the outbox slot's confirmed one")
                    .baseUnit("bytes")
                    .register(registry);
            TimeGauge.builder(OLDEST_AGE, this, TimeUnit.SECONDS, OutboxMetrics::oldestUnconfirmedSeconds)
                    .description("How long the oldest outbox transaction the relay holds unconfirmed has waited")
                    .register(registry);
            return;
        }
        Gauge.builder(BACKLOG, this, OutboxMetrics::unsentRows)
                .description("Outbox rows written but not yet acknowledged by the broker")
                .register(registry);
        TimeGauge.builder(OLDEST_AGE, this, TimeUnit.SECONDS, OutboxMetrics::oldestUnsentSeconds)
                .description("How long the oldest unsent outbox row has waited; 0 when none waits")
                .register(registry);
    }

    double unsentRows() {
        return query("SELECT count(*) FROM messaging.outbox");
    }

    double oldestUnsentSeconds() {
        return query("""
                SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM messaging.outbox""");
    }

    double slotLagBytes() {
        try {
            Number value = jdbc.queryForObject("""
                    SELECT pg_current_wal_lsn() - confirmed_flush_lsn FROM pg_replication_slots
                    WHERE slot_name = ?""", Number.class, logical.slot());
            return value == null ? Double.NaN : value.doubleValue();
        } catch (DataAccessException e) {
            log.debug("Cannot read the outbox slot's lag: {}", e.toString());
            return Double.NaN;
        }
    }

    double oldestUnconfirmedSeconds() {
        Instant oldest = logical.oldestUnconfirmed();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    /** NaN when the database cannot be asked: a gap on the graph, not a false zero. */
    private double query(String sql) {
        try {
            Number value = jdbc.queryForObject(sql, Number.class);
            return value == null ? Double.NaN : value.doubleValue();
        } catch (DataAccessException e) {
            log.debug("Cannot read the outbox backlog: {}", e.toString());
            return Double.NaN;
        }
    }
}
