package io.ordersaga.order.application;

/** An idempotency key was sent again with a different request than the one it was first used for. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("The Idempotency-Key '" + key + "' was first used for a different request; "
                + "send a new key for a new order, or the same request to get the order it created");
    }
}
