package io.ordersaga.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of clients, each placing its next order as soon as the previous POST is answered: the most the
 * suite accepts. A step ends after a number of orders, or (for a warm-up) after a time.
 */
public final class ClosedLoop {

    private final OrderSender sender;

    public ClosedLoop(OrderSender sender) {
        this.sender = sender;
    }

    /** {@code orders} orders from {@code clients} clients; returns when the last one is answered. */
    public Window run(int step, boolean measured, int clients, long orders) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(orders);
        return runClients(clients, () -> {
            while (remaining.getAndDecrement() > 0) {
                sender.send(step, measured, System.nanoTime());
            }
        });
    }

    /** As many orders as {@code clients} clients place in {@code duration}. */
    public Window runFor(int step, boolean measured, int clients, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return runClients(clients, () -> {
            while (System.nanoTime() < end) {
                sender.send(step, measured, System.nanoTime());
            }
        });
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
        return new Window(start, System.nanoTime());
    }
}
