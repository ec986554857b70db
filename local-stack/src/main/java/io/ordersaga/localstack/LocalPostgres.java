package io.ordersaga.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 (zonky's embedded binaries) with a data directory kept across restarts, and one database
 * plus one login role per service.
 *
 * <p>Isolation between services is enforced by PostgreSQL itself, as it would be on a shared server: each role owns
 * its database, {@code CONNECT} is revoked from {@code PUBLIC}, and a {@code pg_hba.conf} written on every start
 * makes every role but the superuser log in with a SCRAM password. The superuser {@code postgres} stays trusted on
 * localhost because the launcher and zonky administer the server with it.
 *
 * <p>Each role has {@code REPLICATION}, so that its service may run the logical outbox relay on a slot of its own
 * database. That does not open the other databases to it: {@code pg_hba.conf} has no {@code replication} line, so
 * physical replication (the whole cluster's WAL) is refused, and a logical slot decodes only its own database.
 *
 * <p>{@code pg_stat_statements} is preloaded, and created in the {@code postgres} database, so that the benchmark
 * (connected there as the superuser) can say which statements of which database took the server's time.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final boolean statementStats;
    /**
     * Guards start and stop. Not a monitor: a stop must not wait forever for a start that cannot finish. Ctrl-C
     * while {@code pg_ctl start} waits makes pg_ctl stop the new server, and zonky then keeps polling for it.
     */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile EmbeddedPostgres postgres;
    private volatile boolean closed;

    /**
     * @param dataDir the cluster's data directory; initialised by {@code initdb} on first use
     * @param port the TCP port on localhost
     * @param logFile where the server's own log goes
     * @param statementStats whether {@code pg_stat_statements} tracks statements ({@code track=top}) or not
     *                       ({@code none}: loaded, and its view empty)
     */
    public LocalPostgres(Path dataDir, int port, Path logFile, boolean statementStats) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.statementStats = statementStats;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Starts the server (running {@code initdb} the first time) and waits until it accepts connections. */
    public void start() {
        lifecycle.lock();
        try {
            if (closed) {
                throw new StartupException("Stopped while starting."); // Ctrl-C came first
            }
            if (postgres != null) {
                throw new IllegalStateException("PostgreSQL is already running");
            }
            postgres = startEmbedded();
            if (closed) { // a stop gave up waiting for this start
                stopEmbedded();
                throw new StartupException("Stopped while starting.");
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private EmbeddedPostgres startEmbedded() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // the launcher stops it, after the services
                    .setDataDirectoryCustomizer(dir -> writeHbaConf(dir.toPath()))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    // zonky starts the server with -F (fsync off) and synchronous_commit=off, made for throw-away
                    // test databases; the outbox's promise needs a commit to be on disk when it returns.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Logical decoding, for a service run with ORDERSAGA_MESSAGING_OUTBOX_RELAY=logical: one slot
                    // and one WAL sender per service, with room to spare. Unused, it costs a little more WAL.
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // Every database's statements, for the benchmark: top-level ones (what the services send) and
                    // utility ones (BEGIN, COMMIT); no I/O timing, which would cost a clock read per block.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", statementStats ? "top" : "none")
                    .setServerConfig("pg_stat_statements.track_utility", statementStats ? "on" : "off")
                    .setServerConfig("pg_stat_statements.max", "1000")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("PostgreSQL failed to start: " + e.getMessage() + " (log: " + logFile
                    + ", data in " + dataDir + "; --wipe starts from scratch)", e);
        }
    }

    /**
     * Starts the server again on the same data directory, after its postmaster died (kill -9) or to watch crash
     * recovery: what zonky still holds of the old server is stopped quietly, then PostgreSQL replays its WAL on
     * start. The services' connection pools reconnect by themselves.
     */
    public void restart() {
        lifecycle.lock();
        try {
            if (closed) {
                throw new StartupException("Stopped.");
            }
            try {
                stopEmbedded();
            } catch (IllegalStateException alreadyDead) {
                // pg_ctl stop fails when the postmaster is gone; that is the case this restart is for
            }
            postgres = startEmbedded();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Whether the postmaster recorded in the data directory is alive. */
    public boolean isAlive() {
        return postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pid in {@code postmaster.pid}, if the file is there. */
    public Optional<Long> postmasterPid() {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).stream()
                    .findFirst().map(line -> Long.parseLong(line.trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates, or brings back in line, one database and one login role per name: role name = database name =
     * password; and {@code pg_stat_statements} in the {@code postgres} database. Safe to run on every start.
     */
    public void provision(List<String> databases) {
        try (Connection admin = superuserConnection("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            for (String name : databases) {
                String id = quoteIdentifier(name);
                String password = quoteLiteral(name);
                if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    sql.execute("ALTER ROLE " + id + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE REPLICATION"
                            + " PASSWORD " + password);
                } else {
                    sql.execute("CREATE ROLE " + id + " WITH LOGIN REPLICATION PASSWORD " + password);
                }
                if (exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    sql.execute("ALTER DATABASE " + id + " OWNER TO " + id);
                } else {
                    sql.execute("CREATE DATABASE " + id + " OWNER " + id);
                }
                sql.execute("REVOKE ALL ON DATABASE " + id + " FROM PUBLIC");
                sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + id + " TO " + id);
            }
        } catch (SQLException e) {
            throw new StartupException("Could not create the service databases: " + e.getMessage(), e);
        }
    }

    /** A superuser connection, for provisioning and for tests. */
    public Connection superuserConnection(String database) throws SQLException {
        return requireRunning().getDatabase(SUPERUSER, database).getConnection();
    }

    /**
     * Stops the server; a no-op when it is not running. It cannot be started again. Waits at most 15 s for a start
     * in progress; a server that comes up after that is stopped by that start, or, if the JVM has exited by then,
     * by the next launcher ({@link #stopOrphan()}).
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (!lifecycle.tryLock(15, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            stopEmbedded();
        } finally {
            lifecycle.unlock();
        }
    }

    private void stopEmbedded() {
        EmbeddedPostgres running = postgres;
        if (running != null) {
            postgres = null;
            try {
                running.close();
            } catch (IOException e) {
                throw new IllegalStateException("Stopping PostgreSQL failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Stops a PostgreSQL that an earlier launcher started on this data directory and left behind when it was
     * killed with SIGKILL (the JVM dies, the postgres process does not). Only call it while holding the stack's
     * lock, which proves no live launcher owns that server.
     *
     * @return the pid that was stopped
     */
    public Optional<Long> stopOrphan() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            long pid = Long.parseLong(firstLine.trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (process.isEmpty()) {
                return Optional.empty();
            }
            // SIGTERM is PostgreSQL's "smart" shutdown; its clients (the orphaned services) are stopped first.
            process.get().destroy();
            try {
                process.get().onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception timeoutOrInterrupt) {
                process.get().destroyForcibly();
            }
            return Optional.of(pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private EmbeddedPostgres requireRunning() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return running;
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * Rewritten on every start: zonky's {@code initdb} trusts every local connection, which would make the
     * services' passwords meaningless.
     */
    private static void writeHbaConf(Path dir) {
        String hba = """
                # Written by ordersaga local-stack on every start; edits are lost.
                # The superuser is trusted on this machine; every other role needs its password.
                # TYPE  DATABASE  USER      ADDRESS        METHOD
                local   all       postgres                 trust
                host    all       postgres  127.0.0.1/32   trust
                host    all       postgres  ::1/128        trust
                local   all       all                      scram-sha-256
                host    all       all       127.0.0.1/32   scram-sha-256
                host    all       all       ::1/128        scram-sha-256
                """;
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("Cannot write " + dir.resolve("pg_hba.conf") + ": " + e.getMessage(), e);
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
