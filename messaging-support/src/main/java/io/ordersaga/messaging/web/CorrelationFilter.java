package io.ordersaga.messaging.web;

import io.ordersaga.messaging.context.MessageContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts the message context of an HTTP request: the correlation id comes from {@code X-Correlation-Id} when
 * the client sent one and is generated otherwise; the request gets an id of its own, which becomes the causation
 * id of the first event it publishes. Both are echoed in the response headers.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final int MAX_ID_LENGTH = 128;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = idFrom(request.getHeader(CORRELATION_HEADER));
        String requestId = UUID.randomUUID().toString();
        response.setHeader(CORRELATION_HEADER, correlationId);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        try {
            MessageContext.callWith(new MessageContext.Current(correlationId, requestId, null), () -> {
                try {
                    chain.doFilter(request, response);
                    return null;
                } catch (IOException | ServletException e) {
                    throw new WrappedException(e);
                }
            });
        } catch (WrappedException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) e.getCause();
        }
    }

    /** Takes the client's id only when it is a sane token; anything else starts a fresh correlation. */
    private static String idFrom(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_ID_LENGTH
                || !header.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            return UUID.randomUUID().toString();
        }
        return header;
    }

    private static final class WrappedException extends RuntimeException {
        WrappedException(Exception cause) {
            super(cause);
        }
    }
}
