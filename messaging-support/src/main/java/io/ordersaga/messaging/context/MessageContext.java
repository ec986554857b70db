package io.ordersaga.messaging.context;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The saga context of the work the current thread is doing: the correlation id of the saga and the id of the
 * event or request that caused the work. The outbox stamps both onto every event published meanwhile, and they
 * sit in the logging MDC so every log line names its saga.
 */
public final class MessageContext {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String ORDER_ID = "orderId";

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private MessageContext() {
    }

    /** @param orderId the order being worked on, or {@code null} when not known yet */
    public record Current(String correlationId, String causationId, String orderId) {
    }

    public static Optional<Current> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} in the given context, restoring the previous one afterwards. */
    public static <T> T callWith(Current context, Supplier<T> work) {
        Current previous = CURRENT.get();
        set(context);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }

    public static void runWith(Current context, Runnable work) {
        callWith(context, () -> {
            work.run();
            return null;
        });
    }

    /** A context for work that starts a new saga or has no cause on the wire, such as a scheduled job. */
    public static Current newSaga(String causationId, String orderId) {
        return new Current(UUID.randomUUID().toString(), causationId, orderId);
    }

    /** Names the order of the current context (for example once a new order has its id). */
    public static void attachOrder(String orderId) {
        Current current = CURRENT.get();
        if (current != null) {
            set(new Current(current.correlationId(), current.causationId(), orderId));
        }
    }

    static void set(Current context) {
        if (context == null) {
            CURRENT.remove();
            MDC.remove(CORRELATION_ID);
            MDC.remove(CAUSATION_ID);
            MDC.remove(ORDER_ID);
            return;
        }
        CURRENT.set(context);
        putOrRemove(CORRELATION_ID, context.correlationId());
        putOrRemove(CAUSATION_ID, context.causationId());
        putOrRemove(ORDER_ID, context.orderId());
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
