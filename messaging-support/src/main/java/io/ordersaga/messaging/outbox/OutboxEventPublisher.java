package io.ordersaga.messaging.outbox;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.TimeOrderedIds;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into {@code messaging.outbox} in the caller's transaction and wakes the relay once that
 * transaction commits.
 *
 * <p>The rows of a transaction are written together, in one statement just before it commits (a
 * {@link TransactionSynchronization#beforeCommit}), in the order they were published: a batch of a hundred records
 * that publishes a hundred events pays one round trip for them instead of a hundred. Each event is serialized at once,
 * so a bad event still fails its handler. One thing a deferred write cannot follow: a savepoint
 * ({@code PROPAGATION_NESTED}) rolled back does not take back an event published inside it, so publish after the
 * nested block has decided, as payment-service's {@code LedgerRetry} callers do.
 */
public class OutboxEventPublisher implements EventPublisher {

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
        EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(TimeOrderedIds.next(), type.id(), type.version(),
                clock.instant(), source, event, new EventMetadata(context.correlationId(), context.causationId()));
        pending().rows.add(new Row(envelope.eventId(), type.topic(), key, type.id(), type.version(),
                new String(codec.write(envelope), StandardCharsets.UTF_8), tracing.currentTraceParent()));
    }

    /**
     * The current transaction's unwritten rows. Found among the transaction's own synchronizations, which Spring
     * suspends with it, so an inner REQUIRES_NEW transaction gets rows of its own.
     */
    private PendingRows pending() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof PendingRows rows && rows.owner == this) {
                return rows;
            }
        }
        PendingRows rows = new PendingRows(this);
        TransactionSynchronizationManager.registerSynchronization(rows);
        return rows;
    }

    /**
     * Transactions that write the same key serialize on its advisory lock, so ids of one key commit in id order and
     * the relay, which sends in id order, keeps each order's events in sequence. The materialized CTE takes the locks
     * of all the rows' keys, in ascending order (two writers of overlapping keys queue up instead of deadlocking),
     * before any row draws its id; the rows then draw their ids in the order they were published.
     */
    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[] keys = rows.stream().map(Row::key).distinct().sorted().toArray(String[]::new);
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    WITH key_lock AS MATERIALIZED (
                        SELECT count(pg_advisory_xact_lock(hashtext(k))) AS locked FROM unnest(?::text[]) AS k)
                    INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload,
                                                  trace_parent)
                    SELECT r.event_id, r.topic, r.message_key, r.event_type, r.event_version, r.payload,
                           r.trace_parent
                    FROM key_lock,
                         unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                             WITH ORDINALITY AS r (event_id, topic, message_key, event_type, event_version, payload,
                                                   trace_parent, n)
                    ORDER BY r.n""");
            insert.setArray(1, connection.createArrayOf("text", keys));
            insert.setArray(2, connection.createArrayOf("uuid", rows.stream().map(Row::eventId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", rows.stream().map(Row::topic).toArray()));
            insert.setArray(4, connection.createArrayOf("text", rows.stream().map(Row::key).toArray()));
            insert.setArray(5, connection.createArrayOf("text", rows.stream().map(Row::eventType).toArray()));
            insert.setArray(6, connection.createArrayOf("int4", rows.stream().map(Row::eventVersion).toArray()));
            insert.setArray(7, connection.createArrayOf("text", rows.stream().map(Row::payload).toArray()));
            insert.setArray(8, connection.createArrayOf("text", rows.stream().map(Row::traceParent).toArray()));
            return insert;
        });
    }

    private record Row(UUID eventId, String topic, String key, String eventType, int eventVersion, String payload,
                       String traceParent) {
    }

    /** One transaction's rows: written before it commits, and the relay woken after. */
    private static final class PendingRows implements TransactionSynchronization {

        private final OutboxEventPublisher owner;
        private final List<Row> rows = new ArrayList<>();

        private PendingRows(OutboxEventPublisher owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            owner.write(rows);
        }

        @Override
        public void afterCommit() {
            if (!rows.isEmpty()) {
                owner.relay.wake();
            }
        }
    }
}
