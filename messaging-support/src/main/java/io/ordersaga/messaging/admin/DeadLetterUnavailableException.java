package io.ordersaga.messaging.admin;

/** The broker did not answer in time while reading or replaying dead letters; answered as 503 problem+json. */
class DeadLetterUnavailableException extends RuntimeException {

    DeadLetterUnavailableException(String message) {
        super(message);
    }

    DeadLetterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
