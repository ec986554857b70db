package io.ordersaga.messaging.web;

/**
 * A request body passed {@code ordersaga.web.max-request-body} while it was read. Unchecked so that it crosses
 * Jackson and the message converters unchanged and reaches {@link ProblemDetailsAdvice} as itself.
 */
public class RequestBodyTooLargeException extends RuntimeException {

    static final String TITLE = "Request body too large";

    private final long maxBytes;

    public RequestBodyTooLargeException(long maxBytes) {
        super(detail(maxBytes));
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    static String detail(long maxBytes) {
        return "The request body is larger than the limit of " + maxBytes + " bytes; nothing was done.";
    }
}
