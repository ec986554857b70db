package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {

    @TempDir Path dir;

    /** kill -9 of the postmaster, then restart on the same data directory: committed rows survive crash recovery. */
    @Test
    void aKilledPostgresRestartsOnItsDataDirectoryWithNothingLost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (LocalPostgres postgres = new LocalPostgres(dir.resolve("pg"), port, dir.resolve("postgres.log"), true)) {
            postgres.start();
            try (Connection db = postgres.superuserConnection("postgres"); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE kept (id int)");
                sql.execute("INSERT INTO kept VALUES (1)");
            }
            ProcessHandle postmaster = ProcessHandle.of(postgres.postmasterPid().orElseThrow()).orElseThrow();
            assertThat(postgres.isAlive()).isTrue();

            Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(postmaster.pid())}).waitFor();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            assertThat(postgres.isAlive()).isFalse();

            postgres.restart();

            assertThat(postgres.isAlive()).isTrue();
            try (Connection db = postgres.superuserConnection("postgres"); Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT count(*) FROM kept")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }
}
