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

    public OutboxEventPublisher(JdbcTemplate jdbc, EnvelopeCodec codec, OutboxRelay relay, String source, Clock clock) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
        this.source = source;
        this.clock = clock;
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

        // Transactions that write the same key serialize here, so ids of one key commit in id order and the
        // relay, which sends in id order, keeps each order's events in sequence.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?)) IS NULL", Boolean.class, key);
        jdbc.update("""
                INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload)
                VALUES (?, ?, ?, ?, ?, ?)""",
                envelope.eventId(), type.topic(), key, type.id(), type.version(),
                new String(codec.write(envelope), StandardCharsets.UTF_8));
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
