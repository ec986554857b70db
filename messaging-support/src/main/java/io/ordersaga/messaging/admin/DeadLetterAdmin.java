package io.ordersaga.messaging.admin;

import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter operations: list, replay (one, or every pending one), discard. Replaying sends the record to its
 * original topic as it was; every consumer group of that topic sees it again, and the inbox of each group that had
 * handled it already makes it a no-op there, so replaying is safe to repeat.
 */
class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);
    static final String CORRECTED = "replayed with a corrected payload";
    private static final Comparator<DeadLetterView> OLDEST_FIRST = Comparator
            .comparing(DeadLetterView::deadLetteredAt)
            .thenComparing(DeadLetterView::topic)
            .thenComparingInt(DeadLetterView::partition)
            .thenComparingLong(DeadLetterView::offset);

    private final DeadLetterTopics topics;
    private final DeadLetterReader reader;
    private final DeadLetterDecisions decisions;
    private final DeadLetterReplayer replayer;

    DeadLetterAdmin(DeadLetterTopics topics, DeadLetterReader reader, DeadLetterDecisions decisions,
                    DeadLetterReplayer replayer) {
        this.topics = topics;
        this.reader = reader;
        this.decisions = decisions;
        this.replayer = replayer;
    }

    /** This service's dead-letter topics (those that exist) and the dead letters on them. */
    record Listing(List<String> topics, List<DeadLetterView> deadLetters) {
    }

    /**
     * The dead letters of this service, oldest first.
     *
     * @param status only those with this status, or every one when {@code null}
     * @param key    only those with this record key (the order id), or every one when {@code null}
     */
    Listing list(DeadLetterStatus status, String key) {
        DeadLetterReader.Snapshot snapshot = reader.readAll(topics.names());
        List<DeadLetterRecord> records = snapshot.records().stream()
                .filter(record -> key == null || key.equals(record.key()))
                .toList();
        Map<DeadLetterId, Decision> decided = decisions.of(records);
        return new Listing(snapshot.topics(), records.stream()
                .map(record -> DeadLetterView.of(record, decided.get(record.id())))
                .filter(view -> status == null || view.status() == status)
                .sorted(OLDEST_FIRST)
                .toList());
    }

    DeadLetterView get(DeadLetterId id) {
        DeadLetterRecord record = find(id);
        return DeadLetterView.of(record, decisions.of(record));
    }

    /** Sends the dead letter back to its original topic, whatever was decided about it before. */
    DeadLetterView replay(DeadLetterId id) {
        DeadLetterRecord record = find(id);
        replay(record);
        return DeadLetterView.of(record, decisions.of(record));
    }

    /**
     * Sends the dead letter back to its original topic with a value an operator corrected: for a record that is
     * malformed itself, which no fix of a consumer would make readable. Logged, and noted on the decision.
     */
    DeadLetterView replayCorrected(DeadLetterId id, byte[] correctedValue) {
        DeadLetterRecord record = find(id);
        requireOrigin(record);
        RecordMetadata sent = replayer.send(record.replayRecord(correctedValue));
        decisions.replayed(record, CORRECTED);
        log.warn("Replayed dead letter {} (key {}) to {}-{}@{} with a corrected payload of {} bytes", record.id(),
                record.key(), sent.topic(), sent.partition(), sent.offset(), correctedValue.length);
        return DeadLetterView.of(record, decisions.of(record));
    }

    /** Replays every PENDING dead letter, oldest first; returns what was replayed. */
    List<DeadLetterView> replayPending() {
        List<DeadLetterRecord> records = reader.readAll(topics.names()).records();
        Map<DeadLetterId, Decision> decided = decisions.of(records);
        List<DeadLetterRecord> pending = records.stream()
                .filter(record -> decided.get(record.id()).status() == DeadLetterStatus.PENDING)
                .sorted(Comparator.comparing(DeadLetterRecord::deadLetteredAt))
                .toList();
        pending.forEach(this::replay);
        Map<DeadLetterId, Decision> after = decisions.of(pending);
        return pending.stream().map(record -> DeadLetterView.of(record, after.get(record.id()))).toList();
    }

    /** Marks the dead letter DISCARDED for {@code reason}, which is logged; replay-all skips it from now on. */
    DeadLetterView discard(DeadLetterId id, String reason) {
        Objects.requireNonNull(reason, "reason");
        DeadLetterRecord record = find(id);
        decisions.discarded(record, reason);
        log.warn("Discarded dead letter {} ({} {}, key {}, from {}): {}", id, record.eventType(), record.eventId(),
                record.key(), record.originalTopic().orElse("?"), reason);
        return DeadLetterView.of(record, decisions.of(record));
    }

    private void replay(DeadLetterRecord record) {
        requireOrigin(record);
        RecordMetadata sent = replayer.send(record.replayRecord());
        decisions.replayed(record, null);
        log.info("Replayed dead letter {} ({} {}, key {}) to {}-{}@{}", record.id(), record.eventType(),
                record.eventId(), record.key(), sent.topic(), sent.partition(), sent.offset());
    }

    private static void requireOrigin(DeadLetterRecord record) {
        if (record.originalTopic().isEmpty()) {
            throw new ConflictException("Dead letter " + record.id() + " does not say which topic it came from; "
                    + "it cannot be replayed. Discard it with a reason instead.");
        }
    }

    private DeadLetterRecord find(DeadLetterId id) {
        if (!topics.contains(id.topic())) {
            throw new NotFoundException("'" + id.topic() + "' is not a dead-letter topic of this service; its "
                    + "dead-letter topics are " + topics.names());
        }
        return reader.read(id).orElseThrow(() -> new NotFoundException("No dead letter at " + id));
    }
}
