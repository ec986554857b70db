package io.ordersaga.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL transaction-scoped advisory locks taken many at a time. Two transactions that lock overlapping sets of
 * keys one by one, each in the order it met them, can deadlock; taking a whole set in one statement, in ascending
 * order of the keys, makes the second one wait at its start instead. Each lock is
 * {@code pg_advisory_xact_lock(hashtext(namespace || key))}, the same lock a single-key
 * {@code SELECT pg_advisory_xact_lock(hashtext('<namespace>' || key))} takes, and lasts until the transaction ends.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /**
     * The query behind {@link #lockAll}, for a statement that takes the locks itself (as a {@code MATERIALIZED} CTE
     * before it writes, say): its two parameters are the namespace and the keys as a {@code text[]}; it returns one
     * row, the number of locks taken.
     */
    public static final String LOCK_ALL_QUERY = """
            SELECT count(pg_advisory_xact_lock(hashtext(? || id))) AS locked
            FROM (SELECT id FROM unnest(?::text[]) AS id ORDER BY id COLLATE "C") AS sorted""";

    /** Locks {@code namespace + key} for every key, in one statement, in ascending (byte) order of the keys. */
    public static void lockAll(JdbcTemplate jdbc, String namespace, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        String[] array = keys.toArray(String[]::new);
        jdbc.query(connection -> {
            var lock = connection.prepareStatement(LOCK_ALL_QUERY);
            lock.setString(1, namespace);
            lock.setArray(2, connection.createArrayOf("text", array));
            return lock;
        }, rs -> null);
    }

    /**
     * Tries the session advisory lock {@code hashtext(key)} on {@code connection}, for work that one instance of a
     * service does at a time (the outbox relay, the inbox retention): it lasts until {@link #unlockSession} or until
     * the connection closes.
     */
    public static boolean trySessionLock(Connection connection, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, key);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Releases {@link #trySessionLock}'s lock: a pooled connection goes back to the pool, the lock must not. */
    public static void unlockSession(Connection connection, String key) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            unlock.setString(1, key);
            unlock.execute();
        } catch (SQLException e) {
            LoggerFactory.getLogger(AdvisoryLocks.class)
                    .debug("Could not release the lock {}; the broken connection takes it along", key, e);
        }
    }
}
