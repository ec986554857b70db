package io.ordersaga.messaging.inbox;

import io.micrometer.observation.ObservationRegistry;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.AdvisoryLocks;
import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.TestMutations;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.kafka.EnvelopeDeserializer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The idempotent consumer. {@link #handle} records {@code (consumer, eventId)} and runs the handler in one
 * database transaction, so the handler's effect and the record of having had it commit together: a redelivered
 * event is a no-op. While the handler runs, the event's correlation id and its own id (as causation) are the
 * {@link MessageContext}, so everything it publishes continues the saga.
 *
 * <p>{@link #handleBatch} does the same for all the records of one poll in <em>one</em> transaction: one bulk inbox
 * insert, every handler, one commit (one fsync) for the lot. Listeners opt in with
 * {@code @KafkaListener(containerFactory = Inbox.BATCH_CONTAINER_FACTORY)}; a service's saga consumer is an
 * {@link InboxListener}. If anything in the batch fails, the
 * whole transaction rolls back and the batch is handled again record by record, each in its own transaction as
 * {@link #handle} does; the record that still fails is handed to the error handler by its index
 * ({@link BatchListenerFailedException}), which commits the offsets before it and retries or dead-letters it exactly
 * as for a record listener. A poison record (it failed to deserialize) goes the same way once the valid records
 * before it are committed.
 */
public class Inbox {

    /** The listener container factory for {@link #handleBatch} listeners: batch mode, same settings otherwise. */
    public static final String BATCH_CONTAINER_FACTORY = "inboxBatchContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    /** The namespace of the order locks a saga batch takes ({@link #recordAll}). */
    private static final String BATCH_LOCKS = "ordersaga.inbox-batch:";
    /** Locks the batch's orders (none for a read model's batch), then records its events; see {@link #recordAll}. */
    private static final String RECORD_BATCH = "WITH batch_lock AS MATERIALIZED (" + AdvisoryLocks.LOCK_ALL_QUERY + """
            )
            INSERT INTO messaging.inbox (consumer, event_id, event_type)
            SELECT ?, id, type FROM batch_lock, unnest(?::uuid[], ?::text[]) AS batch (id, type)
            ON CONFLICT DO NOTHING RETURNING event_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String defaultConsumer;
    private final ObservationRegistry observations;
    /** What a batch does between records, looked up once (not per batch). */
    private final SingletonSupplier<InboxBatchSession> session;

    public Inbox(JdbcTemplate jdbc, TransactionTemplate transaction, String defaultConsumer) {
        this(jdbc, transaction, defaultConsumer, ObservationRegistry.NOOP, null);
    }

    /**
     * @param observations each record of a batch is handled in its own listener observation (span), as in record mode
     * @param sessions     what a batch does between records ({@link InboxBatchSession}); none when empty or null
     */
    public Inbox(JdbcTemplate jdbc, TransactionTemplate transaction, String defaultConsumer,
                 ObservationRegistry observations, ObjectProvider<InboxBatchSession> sessions) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.defaultConsumer = defaultConsumer;
        this.observations = observations;
        this.session = SingletonSupplier.of(() -> sessions == null ? InboxBatchSession.NONE
                : sessions.getIfUnique(() -> InboxBatchSession.NONE));
    }

    /**
     * Runs {@code handler} once per event and consumer group.
     *
     * @return {@code false} when the event had been handled before and nothing ran
     */
    public boolean handle(EventEnvelope<? extends SagaEvent> envelope, Consumer<SagaEvent> handler) {
        return handle(envelope, handler, null);
    }

    /** @param record the record the envelope came in, when a batch falls back to one record at a time */
    private boolean handle(EventEnvelope<? extends SagaEvent> envelope, Consumer<SagaEvent> handler,
                           ConsumerRecord<?, ?> record) {
        CrashPoints.reached(CrashPoints.INBOX_BEFORE_HANDLE);
        String consumer = consumer();
        boolean handled = MessageContext.callWith(context(envelope), () -> transaction.execute(status -> {
            int recorded = jdbc.update("""
                    INSERT INTO messaging.inbox (consumer, event_id, event_type) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", consumer, envelope.eventId(), envelope.eventType());
            if (recorded == 0 && !TestMutations.inboxDedupeOff()) {
                log.info("Skipping duplicate {} {}", envelope.eventType(), envelope.eventId());
                return false;
            }
            log.debug("Handling {} {}", envelope.eventType(), envelope.eventId());
            if (record == null) {
                handler.accept(envelope.data());
            } else {
                observed(record, () -> handler.accept(envelope.data()));
            }
            return true;
        }));
        CrashPoints.reached(CrashPoints.INBOX_AFTER_COMMIT); // the effect is committed, the offset is not
        return handled;
    }

    /**
     * Handles a poll's records in one transaction (see the class comment); records whose event type has no handler
     * in {@code handlers} are skipped without an inbox row. Before any handler runs, the batch takes whatever
     * {@link EventHandlers#beforeBatch} asks for, after a lock for each of the batch's orders (so two batches that
     * share orders queue up instead of deadlocking).
     *
     * @return whether any record was for {@code handlers} (else the poll was all skipped and nothing ran)
     * @throws BatchListenerFailedException naming the record that failed on its own, or the first poison record
     */
    public boolean handleBatch(List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records,
                               EventHandlers handlers) {
        Consumer<EventEnvelope<? extends SagaEvent>> handler = envelope -> handlers.dispatch(envelope.data());
        return handleBatch(records, handlers::handles, true,
                fresh -> handleTogether(records, fresh, handlers::prepare, handler), handler);
    }

    /**
     * For a read model that keeps rows of its own and changes nothing a saga handler locks (a timeline that only
     * appends, say): the poll's events this consumer has not handled before are handed over <em>at once</em>, in
     * the order they came, inside the transaction that records them in the inbox, so the read model can write them
     * in one statement. It takes no order locks: a saga batch never waits for a read model's batch. If the batch
     * fails, each record is handled on its own (a list of one), and the one that still fails goes to the error
     * handler, as in {@link #handleBatch(List, EventHandlers)}.
     */
    @SuppressWarnings("unchecked")
    public void handleAll(List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records,
                          Consumer<List<EventEnvelope<SagaEvent>>> readModel) {
        handleBatch(records, event -> true, false,
                fresh -> readModel.accept(fresh.stream().map(i -> (EventEnvelope<SagaEvent>) records.get(i).value())
                        .toList()),
                envelope -> readModel.accept(List.of((EventEnvelope<SagaEvent>) envelope)));
    }

    /**
     * For a consumer that writes more than one read model in a transaction of its own (order-service's timeline and
     * views): records the records' events in the inbox, inside the caller's transaction, in one statement and with no
     * order locks, and returns the indexes of those this consumer had not recorded before, as {@link #handleAll}
     * hands them over. The caller handles failures and poison records itself; none of {@code records} may be poison.
     */
    public List<Integer> recordFresh(
            List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("recordFresh records in the caller's transaction, and there is none");
        }
        List<Integer> all = IntStream.range(0, records.size()).boxed().toList();
        return all.isEmpty() ? all : recordAll(consumer(), records, all, false);
    }

    /**
     * The batch skeleton: the relevant records before the first poison one go into one transaction that records
     * them in the inbox (after locking their orders, if {@code lockOrders}) and hands the indexes of the fresh ones
     * (first delivery in this poll, not handled before) to {@code together}; if that fails, each record goes through
     * {@link #handle} with {@code handler} on its own. Records the consumer skipped unread
     * ({@link EnvelopeDeserializer#SKIPPED}) are never relevant. Returns whether any record was.
     */
    private boolean handleBatch(List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records,
                                Predicate<SagaEvent> relevant, boolean lockOrders, Consumer<List<Integer>> together,
                                Consumer<EventEnvelope<? extends SagaEvent>> handler) {
        int poison = Batches.firstPoison(records);
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < poison; i++) {
            EventEnvelope<? extends SagaEvent> envelope = records.get(i).value();
            if (envelope != EnvelopeDeserializer.SKIPPED && relevant.test(envelope.data())) {
                wanted.add(i);
            }
        }
        if (!wanted.isEmpty()) {
            CrashPoints.reached(CrashPoints.INBOX_BEFORE_HANDLE);
            try {
                String consumer = consumer();
                transaction.executeWithoutResult(status -> {
                    List<Integer> fresh = recordAll(consumer, records, wanted, lockOrders);
                    if (!fresh.isEmpty()) {
                        together.accept(fresh);
                    }
                });
                CrashPoints.reached(CrashPoints.INBOX_AFTER_COMMIT);
            } catch (RuntimeException batchFailure) {
                log.warn("A batch of {} record(s) failed as a whole ({}); handling them one by one", wanted.size(),
                        batchFailure.toString());
                for (int i : wanted) {
                    try {
                        EventEnvelope<? extends SagaEvent> envelope = records.get(i).value();
                        handle(envelope, event -> handler.accept(envelope), records.get(i));
                    } catch (RuntimeException failure) {
                        throw Batches.failed(failure, i);
                    }
                }
            }
        }
        if (poison < records.size()) {
            throw Batches.poison(records, poison);
        }
        return !wanted.isEmpty();
    }

    /** A saga batch, inside the batch's transaction (its orders locked): every fresh record's handler in turn. */
    private void handleTogether(List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records,
                                List<Integer> fresh, Consumer<List<SagaEvent>> prepare,
                                Consumer<EventEnvelope<? extends SagaEvent>> handler) {
        InboxBatchSession session = this.session.obtain();
        List<SagaEvent> events = fresh.stream().<SagaEvent>map(i -> records.get(i).value().data()).toList();
        session.beforeBatch();
        prepare.accept(events);
        for (int i : fresh) {
            ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>> record = records.get(i);
            EventEnvelope<? extends SagaEvent> envelope = record.value();
            MessageContext.callWith(context(envelope), () -> {
                observed(record, () -> {
                    log.debug("Handling {} {}", envelope.eventType(), envelope.eventId());
                    handler.accept(envelope);
                });
                return null;
            });
            session.afterRecord();
        }
    }

    /**
     * Records the batch in the inbox, in one statement, and returns the indexes of the records this consumer had not
     * recorded before, each event once (its first delivery in the poll), in the order they came. The others are
     * logged as duplicates.
     *
     * <p>With {@code lockOrders}, the same statement first takes a lock for each of the batch's orders, in ascending
     * order, before it inserts anything. Handlers lock what they change (an order's row, an order lock) one record at
     * a time, in the order the records came, so two batches that share orders (two instances of one service, one
     * handling a partition of inventory.events and the other the same orders' partition of payment.events) would
     * otherwise take the same locks in different orders and deadlock: PostgreSQL would abort one after its deadlock
     * timeout (a second), and the batch would be handled again record by record. With these locks the second batch
     * waits at its start until the first commits. Only batches take them ({@link AdvisoryLocks}' scheme, in their own
     * namespace, not the outbox's key locks), so a single-record transaction, such as a customer's cancel, never
     * waits for one and cannot close a cycle. The locks cover every order of the batch, duplicates' too.
     */
    private List<Integer> recordAll(String consumer,
                                    List<? extends ConsumerRecord<?, ? extends EventEnvelope<? extends SagaEvent>>> records,
                                    List<Integer> wanted, boolean lockOrders) {
        UUID[] ids = new UUID[wanted.size()];
        String[] types = new String[wanted.size()];
        for (int n = 0; n < wanted.size(); n++) {
            EventEnvelope<?> envelope = records.get(wanted.get(n)).value();
            ids[n] = envelope.eventId();
            types[n] = envelope.eventType();
        }
        String[] orders = !lockOrders ? new String[0] : wanted.stream()
                .map(i -> records.get(i).value().data().orderId().toString()).distinct().toArray(String[]::new);
        Set<UUID> inserted = new HashSet<>(jdbc.query(connection -> {
            var insert = connection.prepareStatement(RECORD_BATCH);
            insert.setString(1, BATCH_LOCKS);
            insert.setArray(2, connection.createArrayOf("text", orders));
            insert.setString(3, consumer);
            insert.setArray(4, connection.createArrayOf("uuid", ids));
            insert.setArray(5, connection.createArrayOf("text", types));
            return insert;
        }, (rs, row) -> rs.getObject(1, UUID.class)));
        List<Integer> fresh = new ArrayList<>(inserted.size());
        for (int i : wanted) {
            EventEnvelope<?> envelope = records.get(i).value();
            if (inserted.remove(envelope.eventId()) || TestMutations.inboxDedupeOff()) {
                fresh.add(i);
            } else {
                log.info("Skipping duplicate {} {}", envelope.eventType(), envelope.eventId());
            }
        }
        return fresh;
    }

    private void observed(ConsumerRecord<?, ?> record, Runnable work) {
        if (observations.isNoop()) {
            work.run();
            return;
        }
        String group = consumer(); // the listener's group, or the service's outside a listener thread
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, group, group, group, () -> null), observations)
                .observe(work);
    }

    private static MessageContext.Current context(EventEnvelope<? extends SagaEvent> envelope) {
        return new MessageContext.Current(envelope.metadata().correlationId(), envelope.eventId().toString(),
                envelope.data().orderId().toString());
    }

    /** Whether this consumer has handled the event (for tests and admin views). */
    public boolean hasHandled(String consumer, java.util.UUID eventId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?",
                Integer.class, consumer, eventId);
        return count != null && count > 0;
    }

    private String consumer() {
        String group = KafkaUtils.getConsumerGroupId();
        return group != null ? group : defaultConsumer;
    }
}
