package io.ordersaga.messaging.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's queue depth, read from {@code messaging.outbox} at each scrape: how many rows wait to be sent, and how
 * long the oldest of them has waited. Both grow while the broker is down (or the relay is stopped) and fall back to
 * zero once the relay has caught up. The relay deletes a row once the broker has it, so the table holds only rows
 * still to send (and, for at most {@code OutboxRelay.DELETE_DELAY}, the batch last sent).
 */
final class OutboxMetrics implements MeterBinder {

    static final String BACKLOG = "ordersaga.outbox.backlog";
    static final String OLDEST_AGE = "ordersaga.outbox.oldest.unsent.age";

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcTemplate jdbc;

    OutboxMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
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
