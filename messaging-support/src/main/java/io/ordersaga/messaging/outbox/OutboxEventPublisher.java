package io.ordersaga.messaging.outbox;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.TimeOrderedIds;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts events into the outbox in the caller's transaction: rows of {@code messaging.outbox}
 * ({@link TableOutboxWriter}) or transactional logical decoding messages ({@link LogicalOutboxWriter}), as
 * {@code ordersaga.messaging.outbox.relay} chose.
 *
 * <p>The events of a transaction are written together, in one statement just before it commits (a
 * {@link TransactionSynchronization#beforeCommit}), in the order they were published: a batch of a hundred records
 * that publishes a hundred events pays one round trip for them instead of a hundred. Each event is serialized at once,
 * so a bad event still fails its handler. One thing a deferred write cannot follow: a savepoint
 * ({@code PROPAGATION_NESTED}) rolled back does not take back an event published inside it, so publish after the
 * nested block has decided, as payment-service's {@code LedgerRetry} callers do.
 */
public class OutboxEventPublisher implements EventPublisher {

    private final EnvelopeCodec codec;
    private final OutboxWriter writer;
    private final String source;
    private final Clock clock;
    private final OutboxTracing tracing;

    /** @param tracing stores the caller's trace with each event, so the relay's send continues it */
    public OutboxEventPublisher(EnvelopeCodec codec, OutboxWriter writer, String source, Clock clock,
                                OutboxTracing tracing) {
        this.codec = codec;
        this.writer = writer;
        this.source = source;
        this.clock = clock;
        this.tracing = tracing;
    }

    @Override
    public void publish(SagaEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("EventPublisher.publish must run inside the transaction of the state change");
        }
        EventType type = EventType.of(event.getClass());
        String key = event.orderId().toString();
        MessageContext.Current context = MessageContext.current()
                .orElseGet(() -> MessageContext.newSaga(UUID.randomUUID().toString(), key));
        EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(TimeOrderedIds.next(), type.id(), type.version(),
                clock.instant(), source, event, new EventMetadata(context.correlationId(), context.causationId()));
        pending().events.add(new OutboxEvent(envelope.eventId(), type.topic(), key, type.id(), type.version(),
                codec.write(envelope), tracing.currentTraceParent()));
    }

    /**
     * The current transaction's unwritten events. Found among the transaction's own synchronizations, which Spring
     * suspends with it, so an inner REQUIRES_NEW transaction gets events of its own.
     */
    private PendingEvents pending() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof PendingEvents events && events.owner == this) {
                return events;
            }
        }
        PendingEvents events = new PendingEvents(this);
        TransactionSynchronizationManager.registerSynchronization(events);
        return events;
    }

    /** One transaction's events: written before it commits, and the writer told after. */
    private static final class PendingEvents implements TransactionSynchronization {

        private final OutboxEventPublisher owner;
        private final List<OutboxEvent> events = new ArrayList<>();

        private PendingEvents(OutboxEventPublisher owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!events.isEmpty()) {
                owner.writer.write(events);
            }
        }

        @Override
        public void afterCommit() {
            if (!events.isEmpty()) {
                owner.writer.committed();
            }
        }
    }
}
