package io.ordersaga.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every order the run placed, with when it was meant to be sent, when it was sent and when the POST answered,
 * plus the POSTs that failed. Written by the sending threads, read by the progress line and the report.
 */
public final class RunLog {

    private static final int KEPT_ERRORS = 5;

    private final Queue<PlacedOrder> placed = new ConcurrentLinkedQueue<>();
    private final AtomicLong placedCount = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<Integer, AtomicLong> rejectedByStep = new ConcurrentHashMap<>();
    private final Queue<String> firstErrors = new ConcurrentLinkedQueue<>();

    /**
     * One accepted order. Times are wall-clock microseconds since the epoch.
     *
     * @param step which step of the run placed it
     * @param measured false for warm-up orders
     * @param intendedMicros when the schedule wanted it sent (open loop), or when it was sent (closed loop)
     * @param sentMicros when the POST went out
     * @param acceptedMicros when the 201 came back
     */
    public record PlacedOrder(UUID orderId, OrderKind kind, int step, boolean measured, long intendedMicros,
                              long sentMicros, long acceptedMicros) {
    }

    public void placed(PlacedOrder order) {
        placed.add(order);
        placedCount.incrementAndGet();
    }

    /**
     * A POST that failed. Every one counts in the run's total (the progress line); a step's count
     * ({@link #rejectedCount(int)}) holds its measured ones only, like the orders the report sets it against.
     */
    public void rejected(int step, boolean measured, String error) {
        if (measured) {
            rejectedByStep.computeIfAbsent(step, s -> new AtomicLong()).incrementAndGet();
        }
        if (rejected.incrementAndGet() <= KEPT_ERRORS) {
            firstErrors.add(error);
        }
    }

    public long placedCount() {
        return placedCount.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    /** The step's measured POSTs that failed. */
    public long rejectedCount(int step) {
        AtomicLong count = rejectedByStep.get(step);
        return count == null ? 0 : count.get();
    }

    public List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    public List<PlacedOrder> orders() {
        return new ArrayList<>(placed);
    }

    public List<PlacedOrder> ordersOf(int step) {
        return placed.stream().filter(o -> o.step() == step).toList();
    }

    /** A step's measured orders: those accepted, and how many POSTs were refused. */
    public record StepCount(List<PlacedOrder> accepted, long refused) {
    }

    public StepCount measured(int step) {
        return new StepCount(placed.stream().filter(o -> o.step() == step && o.measured()).toList(),
                rejectedCount(step));
    }

    public List<UUID> orderIds() {
        return placed.stream().map(PlacedOrder::orderId).toList();
    }
}
