package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** order.events: OrderPlaced reserves, OrderCancelled releases; OrderCompleted is not inventory's business. */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final ReservationService reservations;

    OrderEventsListener(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
        this.handlers = EventHandlers.on(OrderPlaced.class, reservations::reserve)
                .and(OrderCancelled.class, reservations::release)
                .beforeBatch(reservations::lockForBatch);
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
