package io.ordersaga.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/** Places one planned order over REST and writes down when, or why it was refused. */
public final class OrderSender implements ClosedLoop.Sender {

    /** The status order-service answers while its saga backlog is full (with {@code Retry-After}). */
    static final int BACKLOG_FULL = 503;

    private final OrderPoster poster;
    private final OrderFactory factory;
    private final RunLog log;

    public OrderSender(OrderPoster poster, OrderFactory factory, RunLog log) {
        this.poster = poster;
        this.factory = factory;
        this.log = log;
    }

    /** The closed loop's client: waits for the answer. */
    @Override
    public Outcome send(int step, boolean measured, long intendedNanos) {
        return sendAsync(step, measured, intendedNanos).join();
    }

    /**
     * Sends now and logs the answer when it comes.
     *
     * @param intendedNanos when the order should have gone out ({@link System#nanoTime()}); the latency counts from
     *                      here, so time spent waiting for a free connection is part of it
     */
    public CompletableFuture<Outcome> sendAsync(int step, boolean measured, long intendedNanos) {
        OrderFactory.PlannedOrder order = factory.next();
        long sent = System.nanoTime();
        return poster.post(order.customerId(), order.items(), order.country()).thenApply(answer -> {
            if (answer.orderId() == null) {
                log.rejected(step, measured, answer.error());
                return answer.status() == BACKLOG_FULL ? Outcome.BACKLOG_FULL : Outcome.FAILED;
            }
            log.placed(new RunLog.PlacedOrder(answer.orderId(), order.kind(), step, measured,
                    WallClock.epochMicros(intendedNanos), WallClock.epochMicros(sent),
                    WallClock.epochMicros(System.nanoTime())));
            return Outcome.ACCEPTED;
        });
    }
}
