package io.ordersaga.benchmarks.load;

/** The span of one step's sending, in {@link System#nanoTime()}: from its first send to its end. */
public record Window(long startNanos, long endNanos) {

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
