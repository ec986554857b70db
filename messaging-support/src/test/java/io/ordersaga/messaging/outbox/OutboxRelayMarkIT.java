package io.ordersaga.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.it.MessagingTestApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The relay's "mark sent" commits without waiting for a disk flush, and only that transaction does: the rows it marks
 * were written durably, and a lost mark only means the rows are sent again (consumers deduplicate).
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class OutboxRelayMarkIT {

    private static final int MARKS = 40;

    @Autowired DataSource dataSource;

    /** The test server commits asynchronously by default (zonky's setting); the services' servers do not. */
    private static void likeTheServices(Connection connection) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SET synchronous_commit = on")) {
            set.execute();
        }
    }

    private static void resetSession(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement reset = connection.prepareStatement("RESET synchronous_commit")) {
            reset.execute();
        }
    }

    @Test
    void theMarkIsAsynchronousForItsOwnTransactionOnly() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            likeTheServices(connection);
            connection.setAutoCommit(false);
            long id = sentRow(connection);
            assertThat(setting(connection)).isEqualTo("on");

            OutboxRelay.markSent(connection, List.of(id));

            assertThat(setting(connection)).as("inside the mark's transaction").isEqualTo("off");
            try (PreparedStatement marked = connection.prepareStatement(
                    "SELECT sent_at > now() - interval '1 hour' FROM messaging.outbox WHERE id = ?")) {
                marked.setLong(1, id);
                try (ResultSet rs = marked.executeQuery()) {
                    assertThat(rs.next() && rs.getBoolean(1)).as("sent_at set to now").isTrue();
                }
            }
            connection.commit();
            assertThat(setting(connection)).as("after it, back on the pooled connection").isEqualTo("on");
            resetSession(connection);
        }
    }

    @Test
    void marksInAutocommitModeDoNotEachFlushTheLog() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            likeTheServices(connection);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < MARKS; i++) {
                ids.add(sentRow(connection));
            }
            long syncsBefore = walSyncs(connection);
            for (long id : ids) {
                OutboxRelay.markSent(connection, List.of(id)); // as the relay does: one autocommit statement a batch
            }
            long syncs = walSyncs(connection) - syncsBefore;

            // Each commit that waits flushes the log itself; 40 marks would be 40 flushes (the rows above were).
            // Without waiting, only the WAL writer flushes, a few times a second, plus whatever else commits now.
            assertThat(syncs).as("WAL flushes during %d marks", MARKS).isLessThan(MARKS / 2);
            resetSession(connection);
        }
    }

    /** An outbox row as the relay leaves it after sending (so the running relay does not pick it up). */
    private static long sentRow(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload, sent_at)
                VALUES (?, 'outbox-relay-mark-it', 'key', 'Probe', 1, '{}', now() - interval '1 day')
                RETURNING id""")) {
            insert.setObject(1, UUID.randomUUID());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String setting(Connection connection) throws SQLException {
        try (PreparedStatement show = connection.prepareStatement("SHOW synchronous_commit");
             ResultSet rs = show.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's count of WAL flushes, this session's included (a backend reports its counts lazily). */
    private static long walSyncs(Connection connection) throws SQLException {
        try (PreparedStatement flush = connection.prepareStatement("SELECT pg_stat_force_next_flush()")) {
            flush.execute();
        }
        try (PreparedStatement stats = connection.prepareStatement("SELECT wal_sync FROM pg_stat_wal");
             ResultSet rs = stats.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
