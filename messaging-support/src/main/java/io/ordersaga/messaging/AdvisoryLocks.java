package io.ordersaga.messaging;

import java.util.Collection;
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
}
