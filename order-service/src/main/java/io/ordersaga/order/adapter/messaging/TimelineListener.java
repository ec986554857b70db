package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.kafka.ReadModelFetch;
import io.ordersaga.order.application.TimelineService;
import io.ordersaga.order.config.SagaConfiguration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * All four saga topics, in a consumer group of their own, into the order timeline. Its own group means its own
 * offsets, inbox entries ({@code consumer = order-service-timeline}) and dead-letter topics
 * ({@code <topic>.order-service-timeline.dlt}), so the timeline never holds up the saga's own listeners. A poll's
 * events are written in one statement ({@link Inbox#handleAll}), and it takes none of the saga's order locks. It
 * fetches like every read model ({@link ReadModelFetch}): a few records at a time, at most a fifth of a second late.
 */
@Component
class TimelineListener {

    private final Inbox inbox;
    private final TimelineService timeline;

    TimelineListener(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @KafkaListener(id = "order-timeline", groupId = SagaConfiguration.TIMELINE_GROUP,
            containerFactory = Inbox.BATCH_CONTAINER_FACTORY,
            topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.SHIPPING_EVENTS},
            properties = {ReadModelFetch.MIN_BYTES, ReadModelFetch.MAX_WAIT})
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleAll(records, timeline::recordAll);
    }
}
