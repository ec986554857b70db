package io.ordersaga.benchmarks.load;

/**
 * The span of one step's sending, in {@link System#nanoTime()}: from its first send to its end.
 *
 * @param scheduled how many orders the step was to send (open loop), or sent (closed loop)
 */
public record Window(long startNanos, long endNanos, long scheduled) {

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
