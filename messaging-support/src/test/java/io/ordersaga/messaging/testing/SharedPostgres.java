package io.ordersaga.messaging.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One real PostgreSQL 17 server per test JVM, started on first use (embedded or in a container, as
 * {@link InfrastructureMode#current()} says), with one database per name asked for.
 */
public final class SharedPostgres {

    /** The superuser every test logs in as. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /**
     * {@value #DURABLE}{@code =true} (system-tests sets it, for the suite in one JVM): every commit waits for its WAL
     * to reach the disk ({@code synchronous_commit=on}), as in the local stack and in production. Without it (each
     * module's own ITs), the embedded server keeps zonky's {@code synchronous_commit=off}: a commit returns before its
     * flush, which is faster, and none of those tests crashes the server. A container's PostgreSQL commits
     * synchronously either way (the image's default).
     */
    public static final String DURABLE = "ordersaga.test.postgres.durable";

    /**
     * Server settings in both modes: room for four services' pools in one JVM (system-tests), and logical decoding
     * with room for a replication slot per service and test, so the logical outbox relay runs here too.
     */
    static final Map<String, String> SERVER_CONFIG = serverConfig(Boolean.getBoolean(DURABLE));

    private static PostgresServer server;
    private static final Set<String> databases = new HashSet<>();

    private SharedPostgres() {
    }

    /** The JDBC URL of {@code database}, created on first request. Log in as {@link #USER}. */
    public static synchronized String jdbcUrl(String database) {
        if (server == null) {
            server = InfrastructureMode.current().startPostgres();
        }
        if (databases.add(database)) {
            createIfMissing(database);
        }
        return server.jdbcUrl(database);
    }

    static Map<String, String> serverConfig(boolean durable) {
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of("max_connections", "300", "fsync", "on",
                "wal_level", "logical", "max_replication_slots", "20", "max_wal_senders", "20"));
        if (durable) {
            config.put("synchronous_commit", "on");
        }
        return Map.copyOf(config);
    }

    private static void createIfMissing(String database) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), USER, PASSWORD);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet result = exists.executeQuery(); Statement create = connection.createStatement()) {
                if (!result.next()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }
}
