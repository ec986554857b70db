package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.MessagingSchema;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.WireSerializer;
import io.ordersaga.messaging.testing.SharedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What relaying costs the database: statements (= round trips) per batch, WAL records and bytes per row, commits,
 * and the CPU of the PostgreSQL server and of the relay's thread, for a backlog of 20,000 rows relayed in batches of
 * 500 and for a trickle of one-row transactions that each wake the relay. A measurement, not a test: it prints and
 * asserts nothing, and runs only with {@code -Doutbox.measure=true}:
 * <pre>{@code
 * ./mvnw -B -ntp -o -pl messaging-support -am verify -Dtest=none -Dit.test=OutboxRelayCostIT -Doutbox.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 * Its PostgreSQL is its own (so the server's figures are the relay's alone), with the services' settings (fsync
 * and {@code synchronous_commit} on) and {@code pg_stat_statements}; autovacuum is off for the outbox so that the
 * clean-up of dead rows is measured where it belongs, by a {@code VACUUM} after each run. It measures whichever
 * relay the code base has: one that marks rows ({@code sent_at}) is charged its purge as well.
 */
class OutboxRelayCostIT {

    private static final int BACKLOG = Integer.getInteger("outbox.measure.rows", 20_000);
    private static final int TRICKLE = Integer.getInteger("outbox.measure.trickle", 2_000);
    private static final int TRICKLE_PER_SECOND = 200;
    private static final int KEYS = 5_000;
    private static final String PAYLOAD = "{\"data\":\"" + "x".repeat(580) + "\"}";

    private static EmbeddedPostgres postgres;
    private static DefaultKafkaProducerFactory<String, Object> producers;
    private static String topic;
    private static boolean marks;
    private static long relayed;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("outbox.measure"), "a measurement: -Doutbox.measure=true");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_utility", "off")
                .start();
        new MessagingSchema(postgres.getPostgresDatabase()).afterPropertiesSet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION pg_stat_statements");
            sql.execute("ALTER TABLE messaging.outbox SET (autovacuum_enabled = false)");
            try (ResultSet column = sql.executeQuery("""
                    SELECT count(*) FROM information_schema.columns
                    WHERE table_schema = 'messaging' AND table_name = 'outbox' AND column_name = 'sent_at'""")) {
                column.next();
                marks = column.getInt(1) == 1;
            }
        }
        topic = "outbox-cost-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new WireSerializer(new EnvelopeCodec()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (producers != null) {
            producers.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void measuresTheRelay() throws Exception {
        System.out.printf(Locale.ROOT, "%n=== outbox relay cost: %s relay ===%n",
                marks ? "mark-sent (UPDATE sent_at, purge later)" : "delete-on-send");
        run("warm-up backlog", 2_000, 0);
        run("backlog", BACKLOG, 0);
        run("warm-up trickle", 200, TRICKLE_PER_SECOND);
        run("trickle", TRICKLE, TRICKLE_PER_SECOND);
    }

    /** Writes {@code rows} rows (all at once before the relay starts, or {@code perSecond} one-row commits) and relays them. */
    private void run(String name, int rows, int perSecond) throws Exception {
        DataSource database = postgres.getPostgresDatabase();
        AtomicLong relayStatements = new AtomicLong();
        OutboxRelay relay = new OutboxRelay(counting(database, relayStatements),
                new KafkaTemplate<>(producers), new MessagingProperties.Outbox());
        try (Connection connection = database.getConnection()) {
            Stats insertStart = Stats.read(connection);
            if (perSecond == 0) {
                insert(connection, rows, 10, null);
            }
            Stats start = Stats.read(connection);
            resetStatements(connection);
            long startNanos = System.nanoTime();
            relay.start();
            if (perSecond > 0) {
                insert(connection, rows, 1, relay);
            }
            awaitRelayed(connection, rows);
            long relayCpu = relayThreadCpuNanos();
            long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            // Read while the relay's connection, and so its server process, still lives.
            long serverCpuTicks = Stats.read(connection).serverCpuTicks - start.serverCpuTicks;
            relay.stop();
            Map<String, String> statements = statements(connection);
            if (marks) {
                purge(connection);
            }
            vacuum(connection);
            Thread.sleep(1_000); // the relay's server process reports its WAL counts as it exits
            Stats end = Stats.read(connection);

            System.out.printf(Locale.ROOT, "%n--- %s: %,d rows%s ---%n", name, rows,
                    perSecond == 0 ? ", written before the relay starts" : ", " + perSecond + " one-row commits/s");
            System.out.printf(Locale.ROOT, "relay: %,d ms wall, relay thread CPU %,d ms, PostgreSQL CPU %,d ms,"
                            + " %,d statements (%.3f a row)%n", millis, relayCpu / 1_000_000, serverCpuTicks * 10,
                    relayStatements.get(), relayStatements.get() / (double) rows);
            if (perSecond == 0) {
                insertStart.print("insert (10 rows a commit)", start, rows);
                start.print("relay" + (marks ? " + purge" : "") + " + vacuum", end, rows);
            } else {
                start.print("insert (1 row a commit) + relay" + (marks ? " + purge" : "") + " + vacuum", end, rows);
            }
            System.out.println("pg_stat_statements of the relay" + (marks ? " and the purge" : "")
                    + " (exec = server time; wal_bytes exact per statement):");
            statements.forEach((query, figures) -> System.out.println("  " + figures + "  " + query));
        }
    }

    private static void insert(Connection connection, int rows, int perCommit, OutboxRelay wake)
            throws SQLException, InterruptedException {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messaging.outbox (event_id, topic, message_key, event_type, event_version, payload)
                VALUES (?, ?, ?, 'Probe', 1, ?)""")) {
            for (int i = 0; i < rows; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, topic);
                insert.setString(3, "order-" + (i % KEYS));
                insert.setString(4, PAYLOAD);
                insert.addBatch();
                if ((i + 1) % perCommit == 0 || i == rows - 1) {
                    insert.executeBatch();
                    connection.commit();
                    if (wake != null) {
                        wake.wake();
                        long due = start + (i + 1) * 1_000_000_000L / TRICKLE_PER_SECOND;
                        long sleep = due - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        }
                    }
                }
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Waits until the topic holds every row written (asking the broker, so that waiting costs the database nothing),
     * then until the relay has marked or deleted them all.
     */
    private static void awaitRelayed(Connection connection, int rows) throws Exception {
        relayed += rows;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            while (admin.listOffsets(ends).all().get().values().stream().mapToLong(end -> end.offset()).sum()
                    < relayed) {
                Thread.sleep(20);
            }
        }
        while (outstanding(connection) > 0) {
            Thread.sleep(20);
        }
    }

    /** Rows the relay has still to send: unmarked ones, or with delete-on-send every row. */
    private static long outstanding(Connection connection) throws SQLException {
        return single(connection, "SELECT count(*) FROM messaging.outbox" + (marks ? " WHERE sent_at IS NULL" : ""));
    }

    /** The relay's purge, as it runs once the retention is over. */
    private static void purge(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM messaging.outbox WHERE sent_at < now() - make_interval(secs => 0)");
        }
    }

    private static void vacuum(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("VACUUM messaging.outbox");
        }
    }

    private static void resetStatements(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private static Map<String, String> statements(Connection connection) throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>();
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("""
                WITH relay AS (
                    SELECT calls, rows, wal_records, wal_bytes, total_exec_time, query FROM pg_stat_statements
                    WHERE query ILIKE '%messaging.outbox%' AND query NOT ILIKE '%count(*)%'
                      AND query NOT ILIKE 'INSERT%')
                SELECT * FROM (SELECT calls, rows, wal_records, wal_bytes, round(total_exec_time)::bigint, query
                               FROM relay ORDER BY calls DESC) statements
                UNION ALL
                SELECT sum(calls), sum(rows), sum(wal_records), sum(wal_bytes), round(sum(total_exec_time))::bigint,
                       'all of them' FROM relay""")) {
            while (rs.next()) {
                statements.put(rs.getString(6).replaceAll("\\s+", " "), String.format(Locale.ROOT,
                        "calls %,7d rows %,7d wal_records %,8d wal_bytes %,11d exec %,6d ms",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return statements;
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long relayThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("outbox-relay"))
                .mapToLong(thread -> threads.getThreadCpuTime(thread.getId())).sum();
    }

    /** Counts the statements the relay executes on its connections: each is one round trip to the server. */
    private static DataSource counting(DataSource dataSource, AtomicLong statements) {
        return (DataSource) Proxy.newProxyInstance(OutboxRelayCostIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection ? counting(connection, statements) : result;
                });
    }

    private static Connection counting(Connection connection, AtomicLong statements) {
        return (Connection) Proxy.newProxyInstance(OutboxRelayCostIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement) {
                        return Proxy.newProxyInstance(OutboxRelayCostIT.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        statements.incrementAndGet();
                                    }
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The server's WAL and commit counters and its processes' CPU, at one moment. */
    private record Stats(long walRecords, long walFpi, long walBytes, long walSyncs, long commits, long serverCpuTicks) {

        static Stats read(Connection connection) throws SQLException {
            try (Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_stat_force_next_flush()");
                try (ResultSet rs = sql.executeQuery("""
                        SELECT w.wal_records, w.wal_fpi, w.wal_bytes, w.wal_sync, d.xact_commit, pg_backend_pid()
                        FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()""")) {
                    rs.next();
                    return new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            serverCpuTicks(rs.getLong(6)));
                }
            }
        }

        void print(String phase, Stats end, int rows) {
            System.out.printf(Locale.ROOT,
                    "%-50s WAL %,9d records (%.2f a row), %,6d full pages, %,12d bytes (%,.0f a row), %,5d syncs,"
                            + " %,6d commits%n",
                    phase, end.walRecords - walRecords, (end.walRecords - walRecords) / (double) rows,
                    end.walFpi - walFpi, end.walBytes - walBytes, (end.walBytes - walBytes) / (double) rows,
                    end.walSyncs - walSyncs, end.commits - commits);
        }

        /** User + system CPU ticks (1/100 s) of the postmaster and every process it started that still runs. */
        private static long serverCpuTicks(long backendPid) {
            long postmaster = Long.parseLong(stat(backendPid)[1]);
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                return processes.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+"))
                        .mapToLong(Long::parseLong)
                        .mapToObj(OutboxRelayCostIT.Stats::stat)
                        .filter(stat -> stat.length > 14 && (stat[0].equals(Long.toString(postmaster))
                                || stat[1].equals(Long.toString(postmaster))))
                        .mapToLong(stat -> Long.parseLong(stat[11]) + Long.parseLong(stat[12]))
                        .sum();
            } catch (IOException e) {
                return -1;
            }
        }

        /** Fields of /proc/pid/stat after the command name: [0] pid, [1] ppid, [11] utime, [12] stime. */
        private static String[] stat(long pid) {
            try {
                String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
                String[] fields = new String[rest.length];
                fields[0] = Long.toString(pid);
                fields[1] = rest[1];
                System.arraycopy(rest, 2, fields, 2, rest.length - 2);
                return fields;
            } catch (IOException | RuntimeException e) {
                return new String[0];
            }
        }
    }
}
