package io.ordersaga.benchmarks.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * One line a second while a step runs: orders placed and ended so far, both rates over the last second, orders in
 * flight, refused POSTs and the CPU cores the suite is using.
 */
public final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final String label;
    private final RunLog log;
    private final OrderTap tap;
    private final DoubleSupplier coresInUse;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private final long placedAtStart;
    private final long endedAtStart;
    private final long rejectedAtStart;
    private volatile boolean running = true;

    public Progress(PrintStream out, String label, RunLog log, OrderTap tap, DoubleSupplier coresInUse) {
        this.out = out;
        this.label = label;
        this.log = log;
        this.tap = tap;
        this.coresInUse = coresInUse;
        this.placedAtStart = log.placedCount();
        this.endedAtStart = tap.endedCount();
        this.rejectedAtStart = log.rejectedCount();
        this.thread = new Thread(this::run, "progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long lastPlaced = placedAtStart;
        long lastEnded = endedAtStart;
        long lastNanos = startNanos;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long placed = log.placedCount();
            long ended = tap.endedCount();
            double seconds = (now - lastNanos) / 1e9;
            out.println(line((now - startNanos) / 1e9, placed - placedAtStart, (placed - lastPlaced) / seconds,
                    ended - endedAtStart, (ended - lastEnded) / seconds, placed - ended,
                    log.rejectedCount() - rejectedAtStart, coresInUse.getAsDouble()));
            lastPlaced = placed;
            lastEnded = ended;
            lastNanos = now;
        }
    }

    String line(double elapsed, long placed, double placedRate, long ended, double endedRate, long inFlight,
                long rejected, double cores) {
        return String.format(Locale.ROOT,
                "  [%s %4.0fs] placed %,8d (%6.0f/s)   ended %,8d (%6.0f/s)   in flight %,6d   refused %,d   CPU %.2f cores",
                label, elapsed, placed, placedRate, ended, endedRate, Math.max(0, inFlight), rejected, cores);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
