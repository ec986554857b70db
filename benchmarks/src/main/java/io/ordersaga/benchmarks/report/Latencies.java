package io.ordersaga.benchmarks.report;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, nearest-rank: p99 is the smallest value that at least 99% of the samples do
 * not exceed. All figures are in milliseconds.
 *
 * @param count how many samples
 */
public record Latencies(int count, double p50, double p95, double p99, double p999, double max, double mean) {

    public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** From samples in microseconds. */
    public static Latencies ofMicros(long[] micros) {
        if (micros.length == 0) {
            return NONE;
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Latencies(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.95)),
                millis(rank(sorted, 0.99)), millis(rank(sorted, 0.999)), millis(sorted[sorted.length - 1]),
                sum / sorted.length / 1000.0);
    }

    static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
