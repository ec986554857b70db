package io.ordersaga.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

    /** As local-stack runs it: pg_stat_statements preloaded, top-level statements and utility ones (COMMIT). */
    @Test
    void everyDatabasesStatementsAreCountedButNotTheBenchmarksOwn() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "top").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION pg_stat_statements");
                statement.execute("CREATE DATABASE shop");
            }
            SuiteDatabase database = new SuiteDatabase(url, "postgres", "");
            database.wal();
            SuiteDatabase.StatementCounters before = database.statements();
            try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "shop"),
                    "postgres", "")) {
                connection.createStatement().execute("CREATE TABLE t (id int)");
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (int i = 0; i < 20; i++) {
                        insert.setInt(1, i);
                        insert.executeUpdate();
                        connection.commit();
                    }
                }
            }
            database.wal();

            List<SuiteDatabase.StatementCounter> used = database.statements().minus(before);

            assertThat(used).filteredOn(s -> s.query().startsWith("INSERT INTO t")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.database()).isEqualTo("shop");
                        assertThat(s.calls()).isEqualTo(20);
                        assertThat(s.rows()).isEqualTo(20);
                        assertThat(s.execMs()).isPositive();
                    });
            // Counted once, not 20 times (seen on 17): the JDBC driver reuses its prepared COMMIT, and
            // pg_stat_statements counts a utility statement only the first time its prepared form runs.
            assertThat(used).anyMatch(s -> s.query().equals("COMMIT"));
            assertThat(used).noneMatch(s -> s.query().contains("pg_stat"));
        }
    }

    @Test
    void withoutTheExtensionTheStatementsCannotBeRead() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            SuiteDatabase database = new SuiteDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");

            assertThatThrownBy(database::statements).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aServerThatTracksNoStatementsIsSaidToHaveNone() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "none").start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement sql = admin.createStatement()) {
                sql.execute("CREATE EXTENSION pg_stat_statements");
            }
            SuiteDatabase database = new SuiteDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");

            assertThatThrownBy(database::statements).isInstanceOf(SQLException.class)
                    .hasMessageContaining("pg_stat_statements.track is none");
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
