package io.ordersaga.order.application;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderProgress;
import io.ordersaga.order.domain.OrderRepository;
import io.ordersaga.order.domain.OrderStatus;
import io.ordersaga.order.domain.Timeline;
import io.ordersaga.order.domain.TimelineEvent;
import io.ordersaga.order.domain.TimelineEventRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order timeline, a read model of every event of an order on the four saga topics, and what it tells about an
 * order: what the order is still waiting for ({@link OrderProgress}).
 */
@Service
public class TimelineService {

    private final TimelineEventRepository timeline;
    private final OrderRepository orders;
    private final Clock clock;
    private final ReadModels readModels;

    public TimelineService(TimelineEventRepository timeline, OrderRepository orders, Clock clock,
                           ReadModels readModels) {
        this.timeline = timeline;
        this.orders = orders;
        this.clock = clock;
        this.readModels = readModels;
    }

    /** Adds the events to their orders' timelines, in one statement; an event seen before changes nothing. */
    @Transactional
    public void recordAll(List<? extends EventEnvelope<? extends SagaEvent>> envelopes) {
        timeline.recordAll(envelopes.stream().map(envelope -> new TimelineEvent(envelope.eventId(),
                envelope.data().orderId(), envelope.eventType(), envelope.source(),
                envelope.metadata().causationId(), envelope.metadata().correlationId(), envelope.timestamp()))
                .toList(), clock.instant());
    }

    /** The order's events in causal order, or empty for an unknown order. */
    @Transactional(readOnly = true)
    public Optional<List<TimelineEvent>> timelineOf(UUID orderId) {
        if (!orders.existsById(orderId)) {
            return Optional.empty();
        }
        return Optional.of(Timeline.causalOrder(timeline.findByOrderId(orderId)));
    }

    public List<Awaiting> waitingOn(Order order) {
        return waitingOn(List.of(order)).get(order.orderId());
    }

    /**
     * What each order is waiting for, from one query over the timelines of the cancelled ones. Not a transaction of
     * its own: that query is one (the repository's), and most calls, every POST among them, need none at all. With
     * the read models off nothing keeps the timeline, so it is not read: rows left from before the switch would list
     * compensations the order may no longer wait for, and a cancelled order's compensations are not listed at all.
     */
    public Map<UUID, List<Awaiting>> waitingOn(Collection<Order> orders) {
        Map<UUID, Set<String>> seen = new HashMap<>();
        // Only a cancelled order's compensations are judged from its timeline; every other status says it all, so
        // placing an order (the hot path) costs no timeline query.
        List<UUID> cancelled = orders.stream().filter(order -> order.status() == OrderStatus.CANCELLED)
                .map(Order::orderId).toList();
        if (!cancelled.isEmpty() && readModels.enabled()) {
            timeline.findEventTypes(cancelled).forEach(event ->
                    seen.computeIfAbsent(event.getOrderId(), id -> new HashSet<>()).add(event.getEventType()));
        }
        Map<UUID, List<Awaiting>> waiting = new HashMap<>();
        orders.forEach(order -> waiting.put(order.orderId(),
                OrderProgress.waitingOn(order, seen.getOrDefault(order.orderId(), Set.of()))));
        return waiting;
    }
}
