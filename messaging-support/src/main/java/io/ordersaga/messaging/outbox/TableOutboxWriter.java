package io.ordersaga.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes events as rows of {@code messaging.outbox}, for {@link OutboxRelay}, and wakes it after the commit. */
public class TableOutboxWriter implements OutboxWriter {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public TableOutboxWriter(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /**
     * Transactions that write the same key serialize on its advisory lock, so ids of one key commit in id order and
     * the relay, which sends in id order, keeps each order's events in sequence. The materialized CTE takes the locks
     * of all the rows' keys, in ascending order (two writers of overlapping keys queue up instead of deadlocking),
     * before any row draws its id; the rows then draw their ids in the order they were published.
     */
    @Override
    public void write(List<OutboxEvent> rows) {
        String[] keys = rows.stream().map(OutboxEvent::key).distinct().sorted().toArray(String[]::new);
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
            insert.setArray(2, connection.createArrayOf("uuid", rows.stream().map(OutboxEvent::eventId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", rows.stream().map(OutboxEvent::topic).toArray()));
            insert.setArray(4, connection.createArrayOf("text", rows.stream().map(OutboxEvent::key).toArray()));
            insert.setArray(5, connection.createArrayOf("text", rows.stream().map(OutboxEvent::eventType).toArray()));
            insert.setArray(6, connection.createArrayOf("int4",
                    rows.stream().map(OutboxEvent::eventVersion).toArray()));
            insert.setArray(7, connection.createArrayOf("text",
                    rows.stream().map(row -> new String(row.payload(), StandardCharsets.UTF_8)).toArray()));
            insert.setArray(8, connection.createArrayOf("text",
                    rows.stream().map(OutboxEvent::traceParent).toArray()));
            return insert;
        });
    }

    @Override
    public void committed() {
        relay.wake();
    }
}
