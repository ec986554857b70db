package io.ordersaga.order.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ordersaga.events.CancellationReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The saga's outcomes as meters. Every series exists from the start at zero (each cancellation reason too), so a
 * dashboard shows "none yet" rather than "no data", and a rate is right from the first order.
 *
 * <ul>
 *   <li>{@value #PLACED}, {@value #COMPLETED}, {@value #CANCELLED}{@code {reason}}: counters.</li>
 *   <li>{@value #DURATION}{@code {outcome=completed|cancelled}}: placement to terminal state, as a histogram with
 *       buckets from 50 ms to 2 min. Its p50, p95 and p99 are {@code histogram_quantile} over the buckets, which
 *       stays right when several instances' histograms are summed (per-instance percentiles would not).</li>
 * </ul>
 */
public class SagaMetrics {

    static final String PLACED = "ordersaga.orders.placed";
    static final String COMPLETED = "ordersaga.orders.completed";
    static final String CANCELLED = "ordersaga.orders.cancelled";
    static final String DURATION = "ordersaga.saga.duration";

    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final Counter placed;
    private final Counter completed;
    private final Map<CancellationReason, Counter> cancelled = new EnumMap<>(CancellationReason.class);
    private final Timer completedDuration;
    private final Timer cancelledDuration;

    public SagaMetrics(MeterRegistry registry) {
        placed = Counter.builder(PLACED).description("Orders accepted, each starting a saga").register(registry);
        completed = Counter.builder(COMPLETED).description("Sagas that ended COMPLETED").register(registry);
        for (CancellationReason reason : CancellationReason.values()) {
            cancelled.put(reason, Counter.builder(CANCELLED).description("Sagas that ended CANCELLED, by reason")
                    .tag("reason", reason.name()).register(registry));
        }
        completedDuration = duration("completed", registry);
        cancelledDuration = duration("cancelled", registry);
    }

    private static Timer duration(String outcome, MeterRegistry registry) {
        return Timer.builder(DURATION)
                .description("Time from placing an order to its terminal state")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    void placed() {
        placed.increment();
    }

    void completed(Duration saga) {
        completed.increment();
        completedDuration.record(saga);
    }

    void cancelled(CancellationReason reason, Duration saga) {
        cancelled.get(reason).increment();
        cancelledDuration.record(saga);
    }
}
