package io.ordersaga.messaging.reply;

/** No reply came within the timeout; answered as 504 problem+json. */
public class ReplyTimeoutException extends RuntimeException {

    public ReplyTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
