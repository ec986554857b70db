package io.ordersaga.messaging.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Operators' decisions about dead letters, in {@code messaging.dead_letter_decision}. The latest decision about a
 * record wins; a decision applies only to the record it was made about (same position and timestamp).
 */
class DeadLetterDecisions {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetterDecisions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The decision about each record, {@link Decision#NONE} for those nobody decided about. */
    Map<DeadLetterId, Decision> of(Collection<DeadLetterRecord> records) {
        Map<DeadLetterId, Decision> decisions = new HashMap<>();
        if (records.isEmpty()) {
            return decisions;
        }
        Map<DeadLetterId, Long> timestamps = new HashMap<>();
        records.forEach(record -> timestamps.put(record.id(), record.timestamp()));
        String[] topics = records.stream().map(record -> record.id().topic()).distinct().toArray(String[]::new);
        jdbc.query("""
                SELECT dead_letter_topic, dead_letter_partition, dead_letter_offset, record_timestamp, status,
                       replay_count, reason, decided_at
                FROM messaging.dead_letter_decision WHERE dead_letter_topic = ANY (?)""",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", topics)),
                row -> {
                    DeadLetterId id = new DeadLetterId(row.getString(1), row.getInt(2), row.getLong(3));
                    if (Long.valueOf(row.getLong(4)).equals(timestamps.get(id))) {
                        decisions.put(id, new Decision(DeadLetterStatus.valueOf(row.getString(5)), row.getInt(6),
                                row.getString(7), row.getTimestamp(8).toInstant()));
                    }
                });
        records.forEach(record -> decisions.putIfAbsent(record.id(), Decision.NONE));
        return decisions;
    }

    Decision of(DeadLetterRecord record) {
        return of(List.of(record)).get(record.id());
    }

    /** @param note why it was replayed as it was, or {@code null} for a plain replay */
    void replayed(DeadLetterRecord record, String note) {
        decide(record, DeadLetterStatus.REPLAYED, note);
    }

    void discarded(DeadLetterRecord record, String reason) {
        decide(record, DeadLetterStatus.DISCARDED, reason);
    }

    /** A decision about a record that replaced an older one at the same position starts its replay count afresh. */
    private void decide(DeadLetterRecord record, DeadLetterStatus status, String reason) {
        DeadLetterId id = record.id();
        int replays = status == DeadLetterStatus.REPLAYED ? 1 : 0;
        jdbc.update("""
                INSERT INTO messaging.dead_letter_decision AS d (dead_letter_topic, dead_letter_partition,
                    dead_letter_offset, record_timestamp, status, replay_count, reason, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dead_letter_topic, dead_letter_partition, dead_letter_offset) DO UPDATE SET
                    status = excluded.status,
                    replay_count = CASE WHEN d.record_timestamp = excluded.record_timestamp
                                        THEN d.replay_count + excluded.replay_count ELSE excluded.replay_count END,
                    record_timestamp = excluded.record_timestamp,
                    reason = excluded.reason,
                    decided_at = excluded.decided_at""",
                id.topic(), id.partition(), id.offset(), record.timestamp(), status.name(), replays, reason,
                Timestamp.from(clock.instant()));
    }
}
