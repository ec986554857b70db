package io.ordersaga.benchmarks.load;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed arrival rate: order {@code i} of a step is due at {@code start + i / rate} (or, with
 * {@link Arrivals#POISSON}, after exponential gaps of that mean), whatever happened to the orders before it. One thread keeps the schedule and hands each due order to a pool of senders, so a slow answer
 * never delays the next send; when every sender is busy, the order waits, and since its latency counts from when
 * it was due, that wait is measured too. This is what keeps coordinated omission out of the figures.
 */
public final class OpenLoop implements AutoCloseable {

    private final OrderSender sender;
    private final Semaphore connections;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Arrivals arrivals;
    private final Random random;

    public OpenLoop(OrderSender sender, int connections) {
        this(sender, connections, Arrivals.UNIFORM, 0);
    }

    /** @param seed the Poisson gaps' generator: the same seed gives the same schedule */
    public OpenLoop(OrderSender sender, int connections, Arrivals arrivals, long seed) {
        this.sender = sender;
        this.arrivals = arrivals;
        this.random = new Random(seed);
        this.connections = new Semaphore(connections);
    }

    /** When order {@code index} is due, {@code rate} orders a second after {@code startNanos}. */
    static long dueNanos(long startNanos, int rate, long index) {
        return startNanos + index * 1_000_000_000L / rate;
    }

    /** How many orders a step of {@code duration} at {@code rate} sends. */
    static long orderCount(int rate, Duration duration) {
        return duration.toMillis() * rate / 1000;
    }

    /**
     * Sends at {@code rate} for {@code duration} and returns once the last order is due (not answered; see
     * {@link #awaitAnswers}). The window says how many orders were scheduled.
     */
    public Window run(int step, boolean measured, int rate, Duration duration) {
        long[] schedule = arrivals.schedule(rate, duration, random);
        long start = System.nanoTime();
        for (long offset : schedule) {
            long due = start + offset;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.incrementAndGet();
            connections.acquireUninterruptibly();
            sender.sendAsync(step, measured, due).whenComplete((outcome, error) -> {
                connections.release();
                inFlight.decrementAndGet();
            });
        }
        return new Window(start, start + duration.toNanos(), schedule.length);
    }

    /** Sends not yet answered, queued ones included. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until every order sent so far has its answer, or {@code timeout} passes. */
    public void awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Nothing to stop: the sends in flight belong to the poster's client. */
    @Override
    public void close() {
    }
}
