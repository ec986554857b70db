package io.ordersaga.benchmarks.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of latencies, from an {@link Histogram HdrHistogram} with three significant digits: p99 is
 * the smallest recorded value that at least 99% of the samples do not exceed (nearest rank), to within 0.1%. The
 * maximum and the mean are exact. All figures are in milliseconds.
 *
 * @param count how many samples
 */
public record Latencies(int count, double p50, double p95, double p99, double p999, double max, double mean) {

    public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** Three significant digits: a percentile is within 0.1% of the sample it names. */
    private static final int SIGNIFICANT_DIGITS = 3;

    /** From samples in microseconds; a negative sample (clocks of two processes) counts as 0. */
    public static Latencies ofMicros(long[] micros) {
        if (micros.length == 0) {
            return NONE;
        }
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // auto-resizing: no highest value to guess
        long max = 0;
        double sum = 0;
        for (long value : micros) {
            long sample = Math.max(0, value);
            histogram.recordValue(sample);
            max = Math.max(max, sample);
            sum += sample;
        }
        return new Latencies(micros.length, percentile(histogram, 50, max), percentile(histogram, 95, max),
                percentile(histogram, 99, max), percentile(histogram, 99.9, max), millis(max),
                sum / micros.length / 1000.0);
    }

    /**
     * HdrHistogram answers the highest value of the sample's bucket, which may lie above the largest sample; the
     * largest sample is the most any percentile can be.
     */
    private static double percentile(Histogram histogram, double percentile, long max) {
        return millis(Math.min(max, histogram.getValueAtPercentile(percentile)));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
