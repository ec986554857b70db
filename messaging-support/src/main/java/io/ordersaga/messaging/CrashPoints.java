package io.ordersaga.messaging;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test-only crash hooks for the fault suite: with {@code ORDERSAGA_CRASH_AT=<point>} (or the system property
 * {@code ordersaga.crash-at}) the JVM halts with status 137, as after {@code kill -9}, the first time it reaches that
 * point. No shutdown hook runs, nothing is flushed or committed. Without the variable every call is a no-op that
 * costs one field read.
 *
 * <p>The points are the windows the delivery guarantees of DESIGN section 7 are about:
 * <ul>
 *   <li>{@link #RELAY_BEFORE_SEND}: outbox rows (or, with the logical relay, messages) are committed, nothing is
 *       sent yet;</li>
 *   <li>{@link #RELAY_AFTER_SEND}: the broker acknowledged the rows, they are not deleted from the outbox yet (with
 *       the logical relay: the slot is not confirmed past them yet); they go again;</li>
 *   <li>{@link #INBOX_AFTER_COMMIT}: a handler's effect and its inbox row are committed, the Kafka offset is not
 *       (the event is delivered again and must be a no-op).</li>
 * </ul>
 *
 * <p>{@code ORDERSAGA_STALL_AT=<point>:<millis>} instead stalls the thread that first reaches the point for that
 * long, once: at {@link #INBOX_BEFORE_HANDLE} a listener that outlasts {@code max.poll.interval.ms} is put out of its
 * consumer group, as a slow consumer is.
 */
public final class CrashPoints {

    public static final String RELAY_BEFORE_SEND = "relay-before-send";
    public static final String RELAY_AFTER_SEND = "relay-after-send";
    public static final String INBOX_AFTER_COMMIT = "inbox-after-commit";
    /** A listener has an event and has not begun its transaction (it holds no locks). */
    public static final String INBOX_BEFORE_HANDLE = "inbox-before-handle";

    /** The exit status of a process killed by SIGKILL, so the crash looks like one to whoever watches. */
    static final int KILLED = 137;

    private static final String ARMED = armed();
    private static final String STALL = stall();
    private static final AtomicBoolean STALLED = new AtomicBoolean();

    private CrashPoints() {
    }

    /** Halts the JVM at once when {@code point} is the armed crash point. */
    public static void reached(String point) {
        if (ARMED != null && ARMED.equals(point)) {
            System.err.println("ORDERSAGA_CRASH_AT=" + point + " reached: halting");
            Runtime.getRuntime().halt(KILLED);
        }
        if (STALL != null && STALL.startsWith(point + ":") && STALLED.compareAndSet(false, true)) {
            stall(Duration.ofMillis(Long.parseLong(STALL.substring(point.length() + 1))));
        }
    }

    private static void stall(Duration duration) {
        System.err.println("ORDERSAGA_STALL_AT reached: stalling for " + duration.toMillis() + " ms");
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("ORDERSAGA_STALL_AT: stall over");
    }

    private static String armed() {
        String value = System.getProperty("ordersaga.crash-at", System.getenv("ORDERSAGA_CRASH_AT"));
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String stall() {
        String value = System.getenv("ORDERSAGA_STALL_AT");
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
