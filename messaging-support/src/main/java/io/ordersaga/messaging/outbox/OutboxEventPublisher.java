package io.ordersaga.messaging.outbox;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into {@code messaging.outbox} in the caller's transaction and wakes the relay once that
 * transaction commits.
 */
public class OutboxEventPublisher implements EventPublisher {

    private static final String WAKE_REGISTERED = OutboxEventPublisher.class.getName() + ".wake";

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final OutboxRelay relay;
    private final String source;
    private final Clock clock;
    private final OutboxTracing tracing;

    /** @param tracing stores the caller's trace with each row, so the relay's send continues it */
    public OutboxEventPublisher(JdbcTemplate jdbc, EnvelopeCodec codec, OutboxRelay relay, String source, Clock clock,
                                OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
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
        EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(),
                clock.instant(), source, event, new EventMetadata(context.correlationId(), context.causationId()));

        // Transactions that write the same key serialize on its advisory lock, so ids of one key commit in id order
        // and the relay, which sends in id order, keeps each order's events in sequence. The materialized CTE takes
        // the lock before the row draws its id, in the same round trip as the insert.
        jdbc.update("""
                WITH key_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtext(?)))
                INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload,
                                              trace_parent)
                SELECT ?, ?, ?, ?, ?, ?, ? FROM key_lock""",
                key, envelope.eventId(), type.topic(), key, type.id(), type.version(),
                new String(codec.write(envelope), StandardCharsets.UTF_8), tracing.currentTraceParent());
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.hasResource(WAKE_REGISTERED)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WAKE_REGISTERED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_REGISTERED);
            }
        });
    }
}
