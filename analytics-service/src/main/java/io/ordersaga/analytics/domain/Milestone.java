package io.ordersaga.analytics.domain;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * A moment counted per second and per minute: an order placed, completed, or cancelled for a reason. Its
 * {@link #key()} ({@code PLACED}, {@code COMPLETED}, {@code CANCELLED:PAYMENT_DECLINED}) is the key of the
 * windowed counts.
 *
 * @param reason the cancellation reason; {@code null} for the other kinds
 */
public record Milestone(Kind kind, String reason) {

    public enum Kind { PLACED, COMPLETED, CANCELLED }

    public static final Milestone PLACED = new Milestone(Kind.PLACED, null);
    public static final Milestone COMPLETED = new Milestone(Kind.COMPLETED, null);

    private static final String SEPARATOR = ":";

    public Milestone {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CANCELLED) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with CANCELLED and only with it");
        }
    }

    public static Milestone cancelled(String reason) {
        return new Milestone(Kind.CANCELLED, reason);
    }

    public static Optional<Milestone> of(SagaEvent event) {
        if (event instanceof OrderPlaced) {
            return Optional.of(PLACED);
        }
        if (event instanceof OrderCompleted) {
            return Optional.of(COMPLETED);
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(cancelled(cancelled.reason().name()));
        }
        return Optional.empty();
    }

    public String key() {
        return reason == null ? kind.name() : kind.name() + SEPARATOR + reason;
    }

    public static Milestone parse(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? new Milestone(Kind.valueOf(key), null)
                : new Milestone(Kind.valueOf(key.substring(0, separator)), key.substring(separator + 1));
    }
}
