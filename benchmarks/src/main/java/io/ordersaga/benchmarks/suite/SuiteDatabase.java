package io.ordersaga.benchmarks.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's PostgreSQL as the benchmark sees it: the durability settings every figure depends on, and the
 * number of transactions the services' databases committed (from {@code pg_stat_database}, which backends update
 * at most once a second, so short windows read a little low).
 */
public final class SuiteDatabase {

    static final List<String> SERVICE_DATABASES =
            List.of("order_service", "inventory_service", "payment_service", "shipping_service");
    private static final List<String> SETTINGS = List.of("server_version", "fsync", "synchronous_commit",
            "full_page_writes", "wal_sync_method", "commit_delay", "wal_writer_delay", "shared_buffers",
            "max_connections");

    private final String url;
    private final String user;
    private final String password;

    public SuiteDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Map<String, String> settings() throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = connect()) {
            for (String name : SETTINGS) {
                try (PreparedStatement show = connection.prepareStatement("SELECT current_setting(?)")) {
                    show.setString(1, name);
                    try (ResultSet rs = show.executeQuery()) {
                        rs.next();
                        values.put(name, rs.getString(1));
                    }
                }
            }
        }
        return values;
    }

    /** Transactions committed so far in the four service databases. */
    public long serviceCommits() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT coalesce(sum(xact_commit), 0) FROM pg_stat_database WHERE datname = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", SERVICE_DATABASES.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
