package io.ordersaga.messaging.web;

/** Answered as 403 problem+json: the caller is known, but the resource is not theirs (another customer's order). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
