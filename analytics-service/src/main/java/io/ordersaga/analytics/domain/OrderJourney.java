package io.ordersaga.analytics.domain;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the event stream has said about one order: its saga step and its timeline. It also remembers which
 * events it has seen, which makes it the place where duplicates on a topic (DESIGN invariant 6) are recognised.
 *
 * @param customerId         {@code null} until an event that names the customer arrives
 * @param step               {@code null} until an event that proves a step arrives
 * @param cancellationReason set once the order is CANCELLED
 * @param totalAmount        the priced total, once inventory or payment has named it
 * @param timeline           the events in the order the services recorded them
 */
public record OrderJourney(UUID orderId, String customerId, SagaStep step, String cancellationReason,
                           BigDecimal totalAmount, String currency, List<TimelineEntry> timeline) {

    /** A bound against a producer gone wrong; a real saga has about ten events. */
    public static final int MAX_TIMELINE = 100;

    public OrderJourney {
        Objects.requireNonNull(orderId, "orderId");
        timeline = List.copyOf(timeline);
    }

    public static OrderJourney begin(UUID orderId) {
        return new OrderJourney(orderId, null, null, null, null, null, List.of());
    }

    public boolean hasSeen(UUID eventId) {
        return timeline.stream().anyMatch(entry -> entry.eventId().equals(eventId));
    }

    /** This journey after {@code event}; call it only for an event it has not seen. */
    public OrderJourney record(UUID eventId, String eventType, String source, Instant at, SagaEvent event) {
        List<TimelineEntry> entries = new ArrayList<>(timeline);
        if (entries.size() < MAX_TIMELINE) {
            entries.add(new TimelineEntry(eventId, eventType, source, at, EventSummary.describe(event)));
            entries.sort(Comparator.comparing(TimelineEntry::at)); // stable: equal times keep arrival order
        }
        SagaStep nextStep = SagaStep.advance(step, SagaStep.reachedBy(event).orElse(null));
        String reason = event instanceof OrderCancelled cancelled && nextStep == SagaStep.CANCELLED
                ? cancelled.reason().name() : cancellationReason;
        return new OrderJourney(orderId, customerId != null ? customerId : EventFacts.customerOf(event).orElse(null), nextStep, reason,
                totalOf(event, totalAmount), currencyOf(event, currency), entries);
    }

    /** When the last event (by the services' clocks) happened. */
    public Instant lastEventAt() {
        return timeline.stream().map(TimelineEntry::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    /**
     * Whether the journey may be dropped at {@code cutoff}: it ended (or never proved a step) and nothing has
     * happened to it since before the cutoff. An order still in flight is never forgotten: it still counts.
     */
    public boolean canBeForgottenAt(Instant cutoff) {
        return (step == null || step.isTerminal()) && lastEventAt().isBefore(cutoff);
    }

    private static BigDecimal totalOf(SagaEvent event, BigDecimal known) {
        if (event instanceof OrderCompleted completed) {
            return completed.totalAmount();
        }
        if (known != null) {
            return known;
        }
        if (event instanceof InventoryReserved reserved) {
            return reserved.totalAmount();
        }
        if (event instanceof PaymentCompleted paid) {
            return paid.amount();
        }
        return null;
    }

    private static String currencyOf(SagaEvent event, String known) {
        if (known != null) {
            return known;
        }
        if (event instanceof InventoryReserved reserved) {
            return reserved.currency();
        }
        if (event instanceof PaymentCompleted paid) {
            return paid.currency();
        }
        if (event instanceof OrderCompleted completed) {
            return completed.currency();
        }
        return null;
    }
}
