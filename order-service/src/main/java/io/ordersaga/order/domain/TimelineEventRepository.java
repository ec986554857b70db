package io.ordersaga.order.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TimelineEventRepository extends JpaRepository<TimelineEvent, UUID> {

    /**
     * Adds an event to its order's timeline; an event recorded before is left as it is.
     *
     * @return whether the event was new
     */
    default boolean record(TimelineEvent event, Instant recordedAt) {
        return insert(event.eventId(), event.orderId(), event.eventType(), event.source(), event.causationId(),
                event.correlationId(), event.occurredAt(), recordedAt) == 1;
    }

    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO timeline_event (event_id, order_id, event_type, source, causation_id, correlation_id,
                                        occurred_at, recorded_at)
            VALUES (:eventId, :orderId, :eventType, :source, :causationId, :correlationId, :occurredAt, :recordedAt)
            ON CONFLICT (event_id) DO NOTHING""")
    int insert(@Param("eventId") UUID eventId, @Param("orderId") UUID orderId, @Param("eventType") String eventType,
               @Param("source") String source, @Param("causationId") String causationId,
               @Param("correlationId") String correlationId, @Param("occurredAt") Instant occurredAt,
               @Param("recordedAt") Instant recordedAt);

    List<TimelineEvent> findByOrderId(UUID orderId);

    /** Which event types each of the orders' timelines holds. */
    @Query("select distinct e.orderId as orderId, e.eventType as eventType from TimelineEvent e where e.orderId in :orderIds")
    List<EventSeen> findEventTypes(@Param("orderIds") Collection<UUID> orderIds);

    /** An event type seen on an order's timeline. */
    interface EventSeen {
        UUID getOrderId();

        String getEventType();
    }
}
