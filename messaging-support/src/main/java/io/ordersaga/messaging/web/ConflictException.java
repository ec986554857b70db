package io.ordersaga.messaging.web;

/** Answered as 409 problem+json: the request clashes with the resource's current state. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
