package io.ordersaga.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of clients, each placing its next order as soon as the previous POST is answered: the most the
 * suite accepts. A step ends after a number of orders, or (for a warm-up) after a time.
 *
 * <p>A client refused because the saga's backlog is full (503) does what order-service's {@code Retry-After} asks:
 * it waits, then sends a new order, and the refused one does not count towards the step's orders. Without that, the
 * clients would spend the step's orders on refusals answered in milliseconds once the suite is full.
 */
public final class ClosedLoop {

    /** order-service's {@code Retry-After} while its saga backlog is full. */
    static final Duration BACKLOG_RETRY_AFTER = Duration.ofSeconds(1);

    /** Places one order. */
    @FunctionalInterface
    public interface Sender {

        /** How a POST ended, for the client that sent it. */
        enum Outcome { ACCEPTED, BACKLOG_FULL, FAILED }

        Outcome send(int step, boolean measured, long intendedNanos);
    }

    private final Sender sender;
    private final Duration retryAfter;

    public ClosedLoop(Sender sender) {
        this(sender, BACKLOG_RETRY_AFTER);
    }

    ClosedLoop(Sender sender, Duration retryAfter) {
        this.sender = sender;
        this.retryAfter = retryAfter;
    }

    /** {@code orders} orders from {@code clients} clients; returns when the last one is answered. */
    public Window run(int step, boolean measured, int clients, long orders) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(orders);
        return runClients(clients, () -> {
            while (remaining.getAndDecrement() > 0) {
                while (send(step, measured) == Sender.Outcome.BACKLOG_FULL) {
                    LockSupport.parkNanos(retryAfter.toNanos());
                }
            }
        });
    }

    /** As many orders as {@code clients} clients place in {@code duration}. */
    public Window runFor(int step, boolean measured, int clients, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return runClients(clients, () -> {
            while (System.nanoTime() < end) {
                if (send(step, measured) == Sender.Outcome.BACKLOG_FULL) {
                    LockSupport.parkNanos(Math.min(retryAfter.toNanos(), Math.max(0, end - System.nanoTime())));
                }
            }
        });
    }

    private Sender.Outcome send(int step, boolean measured) {
        return sender.send(step, measured, System.nanoTime());
    }

    private static Window runClients(int clients, Runnable client) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(client, "closed-loop-client-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Window(start, System.nanoTime(), -1); // every POST is answered inside the window
    }
}
