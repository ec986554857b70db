package io.ordersaga.benchmarks.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's PostgreSQL as the benchmark sees it: the durability settings every figure depends on, and the WAL
 * it wrote and flushed (from {@code pg_stat_wal}, which backends update at most once a second, so short windows
 * read a little low), and each statement's executions and time ({@code pg_stat_statements}, where the server
 * preloads it).
 */
public final class SuiteDatabase {

    /**
     * Marks the benchmark's own statements, so that its readings are not counted as the suite's work
     * ({@code pg_stat_statements} keeps a statement's leading comment in its text).
     */
    static final String OWN = "/* ordersaga benchmark */ ";

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

    /**
     * The WAL the whole cluster has written so far ({@code pg_stat_wal}, PostgreSQL 14 to 17): records, bytes, and
     * how often it was written and flushed to disk. A durable commit costs a flush (one per group of commits that
     * arrive together), which is what bounds a saga on one disk; {@code xact_commit} says nothing about that.
     * PostgreSQL 18 moved the write and sync counts to {@code pg_stat_io}: they read -1 there.
     */
    public WalCounters wal() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(OWN + "SELECT * FROM pg_stat_wal");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return new WalCounters(column(rs, "wal_records"), column(rs, "wal_bytes"), column(rs, "wal_write"),
                    column(rs, "wal_sync"));
        }
    }

    /** Counters of {@link #wal()}; -1 where unknown. */
    public record WalCounters(long records, long bytes, long writes, long syncs) {

        public static final WalCounters UNKNOWN = new WalCounters(-1, -1, -1, -1);

        /** What happened since {@code earlier}; unknown stays unknown. */
        public WalCounters minus(WalCounters earlier) {
            return new WalCounters(diff(records, earlier.records), diff(bytes, earlier.bytes),
                    diff(writes, earlier.writes), diff(syncs, earlier.syncs));
        }

        private static long diff(long now, long before) {
            return now < 0 || before < 0 ? -1 : now - before;
        }
    }

    /**
     * Every database's statements so far ({@code pg_stat_statements}, summed over the roles that ran them), the
     * benchmark's own left out. Fails where the extension is not created in this database, is not preloaded, or
     * tracks nothing ({@code pg_stat_statements.track=none}, e.g. {@code bin/local-stack --no-statement-stats}).
     */
    public StatementCounters statements() throws SQLException {
        List<StatementCounter> statements = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement tracked = connection.prepareStatement(OWN
                     + "SELECT current_setting('pg_stat_statements.track', true)");
             PreparedStatement query = connection.prepareStatement(OWN + """
                     SELECT s.dbid, s.queryid, d.datname, min(s.query), sum(s.calls), sum(s.total_exec_time),
                            sum(s.rows)
                     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                     WHERE s.queryid IS NOT NULL AND s.query NOT LIKE ?
                     GROUP BY s.dbid, s.queryid, d.datname""")) {
            try (ResultSet track = tracked.executeQuery()) {
                track.next();
                if ("none".equals(track.getString(1))) {
                    throw new SQLException("pg_stat_statements.track is none");
                }
            }
            query.setString(1, OWN.strip() + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    statements.add(new StatementCounter(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getDouble(6), rs.getLong(7)));
                }
            }
        }
        return new StatementCounters(statements);
    }

    /**
     * One statement's counters in {@code pg_stat_statements}, or their difference over a window.
     *
     * @param dbid the database's oid; with {@code queryid}, the statement's identity
     * @param execMs {@code total_exec_time}: the server executing it, not the client waiting for it
     */
    public record StatementCounter(long dbid, long queryid, String database, String query, long calls, double execMs,
                                   long rows) {
    }

    /** A reading of {@link #statements()}. */
    public record StatementCounters(List<StatementCounter> statements) {

        /**
         * What each statement did since {@code earlier}; those that did nothing are left out. A statement new since
         * then, or whose entry was evicted and came back (its counts went down), counts from zero.
         */
        public List<StatementCounter> minus(StatementCounters earlier) {
            Map<List<Long>, StatementCounter> before = new LinkedHashMap<>();
            earlier.statements().forEach(s -> before.put(List.of(s.dbid(), s.queryid()), s));
            List<StatementCounter> delta = new ArrayList<>();
            for (StatementCounter now : statements) {
                StatementCounter then = before.get(List.of(now.dbid(), now.queryid()));
                StatementCounter used = then == null || then.calls() > now.calls() ? now
                        : new StatementCounter(now.dbid(), now.queryid(), now.database(), now.query(),
                                now.calls() - then.calls(), now.execMs() - then.execMs(), now.rows() - then.rows());
                if (used.calls() > 0) {
                    delta.add(used);
                }
            }
            return delta;
        }
    }

    private static long column(ResultSet rs, String name) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnName(i).equals(name)) {
                return rs.getBigDecimal(i).longValue(); // wal_bytes is numeric
            }
        }
        return -1;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
