package io.ordersaga.benchmarks.load;

import io.ordersaga.systemtests.SagaClient;
import java.util.UUID;

/** Places one planned order over REST and writes down when, or why it was refused. */
public final class OrderSender implements ClosedLoop.Sender {

    /** The status order-service answers while its saga backlog is full (with {@code Retry-After}). */
    static final int BACKLOG_FULL = 503;

    private final SagaClient client;
    private final OrderFactory factory;
    private final RunLog log;

    public OrderSender(SagaClient client, OrderFactory factory, RunLog log) {
        this.client = client;
        this.factory = factory;
        this.log = log;
    }

    /**
     * @param intendedNanos when the order should have gone out ({@link System#nanoTime()}); the latency counts from
     *                      here, so time spent waiting for a free connection is part of it
     */
    @Override
    public Outcome send(int step, boolean measured, long intendedNanos) {
        OrderFactory.PlannedOrder order = factory.next();
        long sent = System.nanoTime();
        try {
            UUID orderId = UUID.fromString(
                    client.placeOrder(order.customerId(), order.items(), order.country()).path("orderId").asString());
            long accepted = System.nanoTime();
            log.placed(new RunLog.PlacedOrder(orderId, order.kind(), step, measured, WallClock.epochMicros(intendedNanos),
                    WallClock.epochMicros(sent), WallClock.epochMicros(accepted)));
            return Outcome.ACCEPTED;
        } catch (RuntimeException e) {
            log.rejected(step, measured, e.getMessage());
            return e instanceof SagaClient.HttpFailure failure && failure.status() == BACKLOG_FULL
                    ? Outcome.BACKLOG_FULL : Outcome.FAILED;
        }
    }
}
