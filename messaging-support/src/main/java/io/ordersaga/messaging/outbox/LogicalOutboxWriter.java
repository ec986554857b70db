package io.ordersaga.messaging.outbox;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes events as transactional logical decoding messages ({@code pg_logical_emit_message(true, …)}) for
 * {@link LogicalOutboxRelay}: no table row, so nothing to delete or vacuum later. PostgreSQL decodes a transactional
 * message only if and when its transaction commits, and hands transactions to the relay in commit order, with their
 * messages in the order they were emitted.
 *
 * <p>No key lock, unlike {@link TableOutboxWriter}: there, ids are drawn before commit, and two writers of one key
 * had to commit in id order; here the stream's order is the commit order itself.
 */
public class LogicalOutboxWriter implements OutboxWriter {

    private final JdbcTemplate jdbc;

    public LogicalOutboxWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** All the transaction's messages in one statement; {@code unnest} yields them in array order. */
    @Override
    public void write(List<OutboxEvent> events) {
        byte[][] messages = events.stream().map(OutboxMessage::encode).toArray(byte[][]::new);
        jdbc.query(connection -> {
            var emit = connection.prepareStatement(
                    "SELECT count(pg_logical_emit_message(true, ?, m)) FROM unnest(?::bytea[]) AS m");
            emit.setString(1, OutboxMessage.PREFIX);
            emit.setArray(2, connection.createArrayOf("bytea", messages));
            return emit;
        }, rs -> null);
    }
}
