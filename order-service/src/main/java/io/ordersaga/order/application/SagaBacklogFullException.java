package io.ordersaga.order.application;

/** A new order was refused: as many sagas as {@code ordersaga.saga.max-in-flight} allows are in flight already. */
public class SagaBacklogFullException extends RuntimeException {

    private final long inFlight;
    private final long limit;

    public SagaBacklogFullException(long inFlight, long limit) {
        super(inFlight + " orders are in flight and the limit is " + limit
                + " (ordersaga.saga.max-in-flight); the order was not placed, send it again later");
        this.inFlight = inFlight;
        this.limit = limit;
    }

    public long inFlight() {
        return inFlight;
    }

    public long limit() {
        return limit;
    }
}
