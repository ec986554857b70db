package io.ordersaga.benchmarks.limits;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The commit rate of the smallest transaction a saga step makes: update one row, insert one outbox row, commit.
 * A few threads run it in a loop against a scratch schema on the suite's own PostgreSQL, with that server's
 * durability settings (the report shows them), for a fixed time after a warm-up. The schema is dropped afterwards.
 */
public final class CommitLimit {

    static final String SCHEMA = "ordersaga_benchmark_limit";
    private static final int ROWS_PER_THREAD = 100;

    /** Commits per second with {@code threads} threads over {@code seconds}. */
    public record Result(long commits, double seconds, int threads, double commitsPerSecond) {
    }

    private CommitLimit() {
    }

    public static Result measure(String url, String user, String password, int threads, Duration warmup,
                                 Duration duration, int payloadSize) throws SQLException, InterruptedException {
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement sql = admin.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
            sql.execute("CREATE TABLE " + SCHEMA + ".account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            sql.execute("INSERT INTO " + SCHEMA + ".account SELECT g, 0 FROM generate_series(0, "
                    + (threads * ROWS_PER_THREAD - 1) + ") g");
            sql.execute("CREATE TABLE " + SCHEMA + ".outbox (id BIGSERIAL PRIMARY KEY, message_key TEXT NOT NULL,"
                    + " payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            try {
                return run(url, user, password, threads, warmup, duration, "x".repeat(payloadSize));
            } finally {
                sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static Result run(String url, String user, String password, int threads, Duration warmup,
                              Duration duration, String payload) throws InterruptedException, SQLException {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int firstRow = t * ROWS_PER_THREAD;
            Thread worker = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(firstRow);
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement update = connection.prepareStatement(
                             "UPDATE " + SCHEMA + ".account SET balance = balance + 1 WHERE id = ?");
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO " + SCHEMA + ".outbox (message_key, payload) VALUES (?, ?)")) {
                    connection.setAutoCommit(false);
                    while (!stop.get()) {
                        int row = firstRow + random.nextInt(ROWS_PER_THREAD);
                        update.setInt(1, row);
                        update.executeUpdate();
                        insert.setString(1, Integer.toString(row));
                        insert.setString(2, payload);
                        insert.executeUpdate();
                        connection.commit();
                        if (counting.get()) {
                            commits.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
            }, "commit-limit-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(warmup.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long counted = commits.get();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(counted, seconds, threads, counted / seconds);
    }
}
