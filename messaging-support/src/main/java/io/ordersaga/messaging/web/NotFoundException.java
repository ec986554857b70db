package io.ordersaga.messaging.web;

/** Answered as 404 problem+json. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
