package io.ordersaga.messaging.inbox;

import io.ordersaga.events.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, not asserts: what the inbox retention costs, with no index on {@code processed_at}, the B-tree index of V5,
 * or a B-tree. Prints its figures; off unless {@code -Dordersaga.measure=true}:
 *
 * <pre>{@code
 * ./mvnw -B -ntp -o -pl messaging-support -am verify -Dtest=none -Dit.test=InboxRetentionMeasurementIT \
 *     -Dordersaga.measure=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * <p>For each variant: 1,000,000 rows, one a second of fake time, in time order (as the saga appends them); the
 * saga's single-row inbox insert timed and its WAL counted; a retention pass (the production statement, 5,000 rows a
 * batch, without the pauses) removing the older half, and the next pass, which finds nothing; then, after a VACUUM,
 * 500,000 newer rows that reuse the freed pages (the steady state of a table with a retention), the saga's insert
 * again, a second pass removing the next 500,000, and the empty pass after it, now that the reused pages' BRIN
 * ranges also hold new rows.
 */
@EnabledIfSystemProperty(named = "ordersaga.measure", matches = "true")
class InboxRetentionMeasurementIT {

    private static final int ROWS = 1_000_000;
    private static final int SAGA_INSERTS = 10_000;
    private static final int BATCH = 5_000;
    private static final RetentionDatabase db = new RetentionDatabase("inbox_measure");

    @Test
    void retentionPassAndSagaInsertWithoutWithBrinAndWithBtree() throws Exception {
        for (String variant : new String[] {"none", "brin", "btree"}) {
            measure(variant);
        }
    }

    private void measure(String variant) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off"); // an insert's own cost, not the disk's flush
            s.execute("DROP INDEX IF EXISTS messaging.inbox_processed_at");
            s.execute("TRUNCATE messaging.inbox");
            // Autovacuum would write WAL of its own in the middle of a measurement; settle() stands in for it.
            s.execute("ALTER TABLE messaging.inbox SET (autovacuum_enabled = false)");
            switch (variant) {
                case "brin" -> s.execute("CREATE INDEX inbox_processed_at ON messaging.inbox USING brin (processed_at)"
                        + " WITH (autosummarize = on)");
                case "btree" -> s.execute("CREATE INDEX inbox_processed_at ON messaging.inbox (processed_at)");
                default -> { }
            }
            s.execute("CREATE TEMP TABLE IF NOT EXISTS epoch AS SELECT now() - interval '60 days' AS t0");
            fill(s, 0, ROWS);
            settle(s);
            String append = sagaInserts(c, s);
            String statement = variant.equals("btree") ? InboxRetention.DELETE_BATCH // as it ships
                    : InboxRetention.DELETE_BATCH.replace(" ORDER BY processed_at", ""); // no full sort per batch
            long first = pass(c, s, statement, ROWS / 2);
            settle(s);
            String firstEmpty = emptyPass(s, statement, ROWS / 2);
            fill(s, ROWS, ROWS / 2);
            settle(s);
            String reuse = sagaInserts(c, s);
            long second = pass(c, s, statement, ROWS);
            settle(s);
            String secondEmpty = emptyPass(s, statement, ROWS);
            System.out.printf("MEASURE inbox index=%-5s | index %,d kB | saga insert: %s ; after reuse: %s | "
                            + "pass removing %,d rows: %,d ms ; after reuse: %,d ms | pass finding nothing: %s ;"
                            + " after reuse: %s%n", variant, indexKb(s), append, reuse, ROWS / 2, first, second,
                    firstEmpty, secondEmpty);
            s.execute("ALTER TABLE messaging.inbox RESET (autovacuum_enabled)");
            s.execute("RESET synchronous_commit");
        }
    }

    /** {@code count} rows processed at epoch + (from + i) seconds. */
    private static void fill(Statement s, int from, int count) throws SQLException {
        s.execute("INSERT INTO messaging.inbox (consumer, event_id, event_type, processed_at) "
                + "SELECT 'inventory-service', gen_random_uuid(), 'OrderPlaced', t0 + make_interval(secs => " + from
                + " + i) FROM epoch, generate_series(1, " + count + ") AS i");
    }

    /**
     * What autovacuum would have done by now: statistics, visibility, and the summaries of the BRIN ranges that are
     * full (VACUUM leaves the last, partial one unsummarised, as autosummarize does).
     */
    private static void settle(Statement s) throws SQLException {
        s.execute("VACUUM ANALYZE messaging.inbox");
    }

    /**
     * The saga's insert (Inbox.handle), each its own transaction, in three rounds after a checkpoint (so each round
     * starts with the same full-page writes to make); the fastest round's µs and the WAL bytes per insert.
     */
    private static String sagaInserts(Connection c, Statement s) throws SQLException {
        long bestMicros = Long.MAX_VALUE;
        long walBytes = 0;
        for (int round = 0; round < 3; round++) {
            s.execute("CHECKPOINT");
            long wal0 = wal(c);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messaging.inbox (consumer, event_id, event_type) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                for (int i = 0; i < SAGA_INSERTS; i++) {
                    insert.setString(1, "payment-service");
                    insert.setObject(2, TimeOrderedIds.next());
                    insert.setString(3, "InventoryReserved");
                    insert.executeUpdate();
                }
            }
            bestMicros = Math.min(bestMicros, (System.nanoTime() - start) / 1_000 / SAGA_INSERTS);
            walBytes = (wal(c) - wal0) / SAGA_INSERTS;
        }
        s.execute("DELETE FROM messaging.inbox WHERE consumer = 'payment-service'");
        return bestMicros + " µs, " + walBytes + " B WAL";
    }

    /** The plan and the pages read (buffers) of the retention's statement when there is nothing to delete. */
    private static String emptyPass(Statement s, String statement, int cutoffSeconds) throws SQLException {
        String delete = statement
                .replaceFirst("\\?", "(SELECT t0 + make_interval(secs => " + cutoffSeconds + ") FROM epoch)")
                .replaceFirst("\\?", Integer.toString(BATCH));
        StringBuilder plan = new StringBuilder();
        try (var rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY ON) " + delete)) {
            while (rs.next()) {
                String line = rs.getString(1).trim();
                if (line.contains("Scan on inbox") || line.contains("Scan using") || line.startsWith("Buffers") && plan.indexOf("Buffers") < 0
                        || line.startsWith("Execution Time")) {
                    plan.append(line.replaceAll("\\s+\\(.*", "")).append("; ");
                }
            }
        }
        return plan.toString();
    }

    /** The retention's statement, batch after batch, until fewer than a batch's rows go; total ms. */
    private static long pass(Connection c, Statement s, String statement, int cutoffSeconds) throws SQLException {
        OffsetDateTime cutoff;
        try (var rs = s.executeQuery("SELECT t0 + make_interval(secs => " + cutoffSeconds + ") + interval '0.5 s' FROM epoch")) {
            rs.next();
            cutoff = rs.getObject(1, OffsetDateTime.class);
        }
        long start = System.nanoTime();
        try (PreparedStatement delete = c.prepareStatement(statement)) {
            delete.setObject(1, cutoff);
            delete.setInt(2, BATCH);
            while (delete.executeUpdate() == BATCH) {
                // next batch
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long wal(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long indexKb(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT coalesce(pg_relation_size(to_regclass('messaging.inbox_processed_at')), 0) / 1024")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Also part of the issue: a UUID primary key filled with random (v4) or time-ordered (v7) ids. */
    @Test
    void uuidPrimaryKeyInsertsRandomVersusTimeOrdered() throws Exception {
        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the server
            for (String kind : new String[] {"v4", "v7"}) {
                try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS uuid_bench");
                    s.execute("CREATE TABLE uuid_bench (id uuid PRIMARY KEY, payload text NOT NULL)");
                    s.execute("CHECKPOINT"); // each run starts with the same full-page-write state
                    long wal0 = wal(c);
                    long start = System.nanoTime();
                    c.setAutoCommit(false);
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO uuid_bench VALUES (?, 'x')")) {
                        for (int i = 1; i <= 200_000; i++) {
                            insert.setObject(1, kind.equals("v4") ? UUID.randomUUID() : TimeOrderedIds.next());
                            insert.addBatch();
                            if (i % 1_000 == 0) {
                                insert.executeBatch();
                                c.commit();
                            }
                        }
                    }
                    c.setAutoCommit(true);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    long wal = (wal(c) - wal0) / 1024;
                    try (var rs = s.executeQuery("SELECT pg_relation_size('uuid_bench_pkey') / 1024")) {
                        rs.next();
                        System.out.printf("MEASURE uuid %s round %d | 200,000 inserts (batches of 1,000): %,d ms | "
                                + "primary key %,d kB | WAL %,d kB%n", kind, round, ms, rs.getLong(1), wal);
                    }
                }
            }
        }
    }
}
