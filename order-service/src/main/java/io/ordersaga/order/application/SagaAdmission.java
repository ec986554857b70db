package io.ordersaga.order.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Load shedding at the door: a new order is refused ({@link SagaBacklogFullException}, answered 503 with
 * {@code Retry-After}) while {@code limit} sagas are already in flight, that is, orders neither COMPLETED nor
 * CANCELLED.
 *
 * <p>Past its capacity a saga does not slow down gracefully: the backlog grows until orders wait longer than the saga
 * deadline, every one of them is then cancelled TIMED_OUT, and the compensations add work on top. With a bound on
 * the backlog the orders that are accepted keep completing, within about {@code limit / capacity} seconds, and the
 * rest are told at once to come back later (docs/performance.md, section 15).
 *
 * <p>The count of sagas in flight comes from the database (every instance's orders), at most once every
 * {@code refresh} and only when an order is placed; in between, this instance adds the orders it admitted since. So
 * the bound holds within what the other instances admit in one refresh interval. A limit of 0 turns it off.
 */
public class SagaAdmission {

    static final String REFUSED = "ordersaga.orders.refused";

    private final LongSupplier countInFlight;
    private final long limit;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final Counter refused;
    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicLong admittedSinceCount = new AtomicLong();
    private volatile long counted;
    private volatile long countedAtNanos;

    /**
     * @param countInFlight the orders not terminal now, from the database
     * @param limit         how many sagas may be in flight at most; 0 for no limit
     * @param refresh       how old the database's count may be before the next placement counts again
     */
    public SagaAdmission(LongSupplier countInFlight, long limit, Duration refresh, MeterRegistry registry) {
        this(countInFlight, limit, refresh, registry, System::nanoTime);
    }

    SagaAdmission(LongSupplier countInFlight, long limit, Duration refresh, MeterRegistry registry,
                  LongSupplier nanoTime) {
        if (limit < 0) {
            throw new IllegalArgumentException("the saga's in-flight limit must be 0 (none) or more, was " + limit);
        }
        this.countInFlight = countInFlight;
        this.limit = limit;
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
        this.countedAtNanos = nanoTime.getAsLong() - refreshNanos; // stale from the start: the first placement counts
        this.refused = Counter.builder(REFUSED)
                .description("Orders refused with 503 because the saga's backlog was at its limit")
                .tag("reason", "saga-backlog").register(registry);
    }

    /**
     * Lets one more order in, or refuses it.
     *
     * @throws SagaBacklogFullException when {@code limit} sagas are in flight
     */
    public void admit() {
        if (limit == 0) {
            return;
        }
        countIfStale();
        long inFlight = counted + admittedSinceCount.get();
        if (inFlight >= limit) {
            refused.increment();
            throw new SagaBacklogFullException(inFlight, limit);
        }
        admittedSinceCount.incrementAndGet();
    }

    /** One caller counts at a time; the others go on with the last count and what was admitted since. */
    private void countIfStale() {
        long now = nanoTime.getAsLong();
        if (now - countedAtNanos < refreshNanos || !counting.compareAndSet(false, true)) {
            return;
        }
        try {
            // Orders admitted from here on and committed before the count are counted twice until the next count:
            // the estimate errs on the side of the bound.
            long admittedBefore = admittedSinceCount.get();
            counted = countInFlight.getAsLong();
            admittedSinceCount.addAndGet(-admittedBefore);
            countedAtNanos = now;
        } finally {
            counting.set(false);
        }
    }
}
