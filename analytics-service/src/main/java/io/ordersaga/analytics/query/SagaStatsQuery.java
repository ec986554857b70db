package io.ordersaga.analytics.query;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.Milestone;
import io.ordersaga.analytics.domain.SagaStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.stereotype.Component;

/** Orders per second, orders by saga step, and the outcomes of the rolling window. */
@Component
public class SagaStatsQuery {

    static final int RATE_SECONDS = 10;

    private final AnalyticsStores stores;
    private final Clock clock;
    private final Duration window;

    public SagaStatsQuery(AnalyticsStores stores, Clock clock, AnalyticsProperties properties) {
        this.stores = stores;
        this.clock = clock;
        this.window = properties.outcomes().successRateWindow();
    }

    public SagaStats stats() {
        Instant now = clock.instant();
        ReadOnlyKeyValueStore<String, Long> byStep = stores.ordersByStep();
        Map<String, Long> inFlight = new LinkedHashMap<>();
        for (SagaStep step : SagaStep.values()) {
            if (!step.isTerminal()) {
                inFlight.put(step.name(), count(byStep, step));
            }
        }
        return new SagaStats(now, ordersPerSecond(now), inFlight, count(byStep, SagaStep.COMPLETED),
                count(byStep, SagaStep.CANCELLED), recent(now));
    }

    /** Placed orders in the last {@value #RATE_SECONDS} full seconds, per second. */
    private double ordersPerSecond(Instant now) {
        Instant currentSecond = now.truncatedTo(ChronoUnit.SECONDS);
        long placed = 0;
        try (WindowStoreIterator<Long> seconds = stores.milestonesPerSecond().fetch(Milestone.PLACED.key(),
                currentSecond.minusSeconds(RATE_SECONDS), currentSecond.minusSeconds(1))) {
            while (seconds.hasNext()) {
                placed += seconds.next().value;
            }
        }
        return (double) placed / RATE_SECONDS;
    }

    private SagaStats.Recent recent(Instant now) {
        long minutes = Math.max(1, window.toMinutes());
        Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1, ChronoUnit.MINUTES);
        Map<Instant, MinuteTally> tallies = new TreeMap<>();
        for (int i = 0; i < minutes; i++) {
            tallies.put(first.plus(i, ChronoUnit.MINUTES), new MinuteTally());
        }
        try (KeyValueIterator<Windowed<String>, Long> counts = stores.milestonesPerMinute().fetchAll(first, now)) {
            while (counts.hasNext()) {
                KeyValue<Windowed<String>, Long> count = counts.next();
                MinuteTally tally = tallies.get(count.key.window().startTime());
                if (tally != null) {
                    tally.add(Milestone.parse(count.key.key()), count.value);
                }
            }
        }
        List<SagaStats.OutcomeMinute> perMinute = new ArrayList<>();
        MinuteTally total = new MinuteTally();
        tallies.forEach((start, tally) -> {
            perMinute.add(new SagaStats.OutcomeMinute(start, tally.placed, tally.completed, tally.cancelled));
            total.addAll(tally);
        });
        long finished = total.completed + total.cancelled.values().stream().mapToLong(Long::longValue).sum();
        Double successRate = finished == 0 ? null : (double) total.completed / finished;
        return new SagaStats.Recent(Duration.ofMinutes(minutes), total.placed, total.completed, total.cancelled,
                successRate, perMinute);
    }

    private static long count(ReadOnlyKeyValueStore<String, Long> byStep, SagaStep step) {
        Long count = byStep.get(step.name());
        return count == null ? 0 : count;
    }

    private static final class MinuteTally {
        private long placed;
        private long completed;
        private final Map<String, Long> cancelled = new TreeMap<>();

        void add(Milestone milestone, long count) {
            switch (milestone.kind()) {
                case PLACED -> placed += count;
                case COMPLETED -> completed += count;
                case CANCELLED -> cancelled.merge(milestone.reason(), count, Long::sum);
            }
        }

        void addAll(MinuteTally other) {
            placed += other.placed;
            completed += other.completed;
            other.cancelled.forEach((reason, count) -> cancelled.merge(reason, count, Long::sum));
        }
    }
}
