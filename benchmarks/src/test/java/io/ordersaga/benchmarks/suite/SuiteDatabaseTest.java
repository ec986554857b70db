package io.ordersaga.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** On a real PostgreSQL of the suite's version (zonky's 17), durable as the suite's: fsync and synchronous commit. */
class SuiteDatabaseTest {

    @Test
    void durableCommitsShowAsWalSyncsAndBytes() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            SuiteDatabase database = new SuiteDatabase(url, "postgres", "");
            SuiteDatabase.WalCounters before = database.wal();
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id int)");
                for (int i = 0; i < 20; i++) {
                    statement.execute("INSERT INTO t VALUES (" + i + ")"); // autocommit: a durable commit each
                }
            }
            Thread.sleep(1500); // a backend reports its WAL counts at most once a second, and at its end

            SuiteDatabase.WalCounters used = database.wal().minus(before);

            assertThat(used.syncs()).as("each durable commit flushes, unless another's flush covered it")
                    .isGreaterThanOrEqualTo(1);
            assertThat(used.writes()).isGreaterThanOrEqualTo(used.syncs());
            assertThat(used.records()).isGreaterThanOrEqualTo(20);
            assertThat(used.bytes()).isGreaterThan(20 * 50L);
            assertThat(database.settings()).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
        }
    }

    @Test
    void unknownCountersStayUnknown() {
        SuiteDatabase.WalCounters known = new SuiteDatabase.WalCounters(10, 1000, 4, 3);

        assertThat(known.minus(new SuiteDatabase.WalCounters(4, 400, 1, 1)))
                .isEqualTo(new SuiteDatabase.WalCounters(6, 600, 3, 2));
        assertThat(known.minus(SuiteDatabase.WalCounters.UNKNOWN)).isEqualTo(SuiteDatabase.WalCounters.UNKNOWN);
    }
}
