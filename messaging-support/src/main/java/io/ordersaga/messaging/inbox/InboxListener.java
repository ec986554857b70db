package io.ordersaga.messaging.inbox;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EnvelopeDeserializer;
import io.ordersaga.messaging.kafka.PollCommits;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A service's saga consumer: <em>one</em> listener for all the topics of {@code ordersaga.messaging.consumed-topics},
 * whose batches go through the {@link Inbox} with the service's {@link EventHandlers}. A subclass (a
 * {@code @Component}) only declares its handlers:
 * {@code super(inbox, messaging, EventHandlers.on(OrderPlaced.class, reservations::reserve)...)}.
 *
 * <p>One consumer rather than one per topic: a poll's records of every topic share one transaction, and no two
 * batches of one instance wait for each other's locks (docs/performance.md, section 10). Starting a service with
 * {@code --ordersaga.messaging.consumed-topics=shipping.events} makes it read that topic alone.
 */
public abstract class InboxListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final List<String> topics;

    protected InboxListener(Inbox inbox, MessagingProperties messaging, EventHandlers handlers) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.topics = List.copyOf(messaging.getConsumedTopics());
    }

    /** The topics the listener subscribes to, read by its annotation. */
    public List<String> getTopics() {
        return topics;
    }

    /**
     * The consumer's own properties, read by its annotation: the event types it handles, so that records of any
     * other type are skipped before they are parsed ({@link EnvelopeDeserializer#HANDLED_TYPES}). They come from the
     * handlers themselves: there is no second list to keep in step.
     */
    public String getConsumerProperties() {
        return EnvelopeDeserializer.HANDLED_TYPES + "=" + String.join(",", handlers.eventTypes());
    }

    /** A poll that handled nothing is not committed on its own, but within an interval ({@link PollCommits}). */
    @KafkaListener(topics = "#{__listener.topics}", containerFactory = Inbox.BATCH_CONTAINER_FACTORY,
            properties = "#{__listener.consumerProperties}", containerPostProcessor = PollCommits.BEAN)
    public void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records, Consumer<?, ?> consumer) {
        if (handle(records)) {
            PollCommits.commitNow(consumer, records);
        }
    }

    /** Handles a poll's records through the inbox; returns whether any of them was for these handlers. */
    public boolean handle(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        return inbox.handleBatch(records, handlers);
    }
}
