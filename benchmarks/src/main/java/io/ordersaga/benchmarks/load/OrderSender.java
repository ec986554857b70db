package io.ordersaga.benchmarks.load;

import io.ordersaga.systemtests.SagaClient;
import java.util.UUID;

/** Places one planned order over REST and writes down when, or why it was refused. */
public final class OrderSender {

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
    public void send(int step, boolean measured, long intendedNanos) {
        OrderFactory.PlannedOrder order = factory.next();
        long sent = System.nanoTime();
        try {
            UUID orderId = UUID.fromString(
                    client.placeOrder(order.customerId(), order.items(), order.country()).path("orderId").asString());
            long accepted = System.nanoTime();
            log.placed(new RunLog.PlacedOrder(orderId, order.kind(), step, measured, WallClock.epochMicros(intendedNanos),
                    WallClock.epochMicros(sent), WallClock.epochMicros(accepted)));
        } catch (RuntimeException e) {
            log.rejected(step, measured, e.getMessage());
        }
    }
}
