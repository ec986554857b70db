package io.ordersaga.order.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TimelineEventRepository extends JpaRepository<TimelineEvent, UUID>, TimelineEventWriter {

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
