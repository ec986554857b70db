package io.ordersaga.benchmarks.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * When an open-loop step's orders are due. Evenly spaced arrivals are the easiest load a suite can get; real
 * clients arrive independently of each other, which is a Poisson process: exponential gaps with a mean of
 * {@code 1 / rate}, so bursts and lulls come by chance and queues form below the average rate.
 */
public enum Arrivals {

    /** Order {@code i} is due at {@code i / rate}. */
    UNIFORM,
    /** Exponential gaps with mean {@code 1 / rate}, drawn from the loop's seeded generator. */
    POISSON;

    /** The due times of one step, in nanoseconds from its start, ascending, all before {@code duration}. */
    public long[] schedule(int rate, Duration duration, Random random) {
        if (this == UNIFORM) {
            long[] due = new long[(int) OpenLoop.orderCount(rate, duration)];
            Arrays.setAll(due, i -> OpenLoop.dueNanos(0, rate, i));
            return due;
        }
        long end = duration.toNanos();
        long[] due = new long[16];
        int count = 0;
        double at = 0;
        while (true) {
            at += -Math.log(1 - random.nextDouble()) / rate * 1e9; // inverse of the exponential distribution
            if (at >= end) {
                return Arrays.copyOf(due, count);
            }
            if (count == due.length) {
                due = Arrays.copyOf(due, count * 2);
            }
            due[count++] = (long) at;
        }
    }
}
