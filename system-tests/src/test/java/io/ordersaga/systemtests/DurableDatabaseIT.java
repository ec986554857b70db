package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL of the system tests (the one {@link RunningSuite} and every other test of this JVM share) commits
 * as the local stack and production do: a commit returns once its WAL is on disk. zonky's defaults would turn both
 * settings off; system-tests' failsafe configuration sets {@value SharedPostgres#DURABLE}.
 */
class DurableDatabaseIT {

    @Test
    void theSuitesPostgresqlFlushesEveryCommitToDiskBeforeItReturns() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SharedPostgres.jdbcUrl("postgres"),
                SharedPostgres.USER, SharedPostgres.PASSWORD); Statement sql = connection.createStatement()) {
            assertThat(show(sql, "fsync")).isEqualTo("on");
            assertThat(show(sql, "synchronous_commit")).isEqualTo("on");
        }
    }

    private static String show(Statement sql, String setting) throws SQLException {
        try (ResultSet value = sql.executeQuery("SHOW " + setting)) {
            value.next();
            return value.getString(1);
        }
    }
}
