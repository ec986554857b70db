package io.ordersaga.order.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Puts an order's events in causal order: every event after the event that caused it, and otherwise by time.
 *
 * <p>Time alone is not enough: each service stamps its events with its own clock, and a consumer may record an event
 * a little before the producer's clock says its cause happened. Causation alone is not enough either: a saga has
 * several roots (the OrderPlaced of the request, a customer's or the deadline's OrderCancelled) and branches (one
 * OrderPlaced starts a reservation and a shipment join). So this is a topological sort that, among the events whose
 * causes are all placed, always takes the earliest.
 */
public final class Timeline {

    private static final Comparator<TimelineEvent> EARLIEST_FIRST = Comparator
            .comparing(TimelineEvent::occurredAt)
            .thenComparing(TimelineEvent::eventId);

    private Timeline() {
    }

    public static List<TimelineEvent> causalOrder(Collection<TimelineEvent> events) {
        Map<String, List<TimelineEvent>> effects = new HashMap<>();
        Set<String> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.eventId().toString()));
        PriorityQueue<TimelineEvent> ready = new PriorityQueue<>(EARLIEST_FIRST);
        for (TimelineEvent event : events) {
            if (ids.contains(event.causationId()) && !event.causationId().equals(event.eventId().toString())) {
                effects.computeIfAbsent(event.causationId(), cause -> new ArrayList<>()).add(event);
            } else {
                ready.add(event);
            }
        }
        Set<TimelineEvent> ordered = new LinkedHashSet<>();
        while (!ready.isEmpty()) {
            TimelineEvent next = ready.poll();
            if (ordered.add(next)) {
                ready.addAll(effects.getOrDefault(next.eventId().toString(), List.of()));
            }
        }
        // Only a causation cycle, which no producer can create, leaves events unplaced; show them rather than lose them.
        events.stream().filter(event -> !ordered.contains(event)).sorted(EARLIEST_FIRST).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
