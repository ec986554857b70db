package io.ordersaga.benchmarks.load;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns {@link System#nanoTime()} readings into wall-clock microseconds since the epoch, the scale of the services'
 * event timestamps. Scheduling uses the monotonic clock; comparing with the services needs the wall clock, which
 * they read from the same kernel.
 */
public final class WallClock {

    private static final long BASE_NANOS;
    private static final long BASE_EPOCH_MICROS;

    static {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        BASE_NANOS = before + (after - before) / 2;
        BASE_EPOCH_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    private WallClock() {
    }

    public static long epochMicros(long nanoTime) {
        return BASE_EPOCH_MICROS + (nanoTime - BASE_NANOS) / 1_000;
    }

    public static long nowMicros() {
        return epochMicros(System.nanoTime());
    }

    public static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
