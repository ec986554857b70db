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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What relaying costs the database, for each relay: statements (= round trips), WAL records and bytes per event,
 * commits, and the CPU of the PostgreSQL server (its WAL sender, which decodes for the logical relay, included) and of
 * the relay's thread, for a backlog of 20,000 events relayed in batches of 500 and for a trickle of one-event
 * transactions. Each relay's events are written by its own production writer ({@link TableOutboxWriter}: rows under
 * key locks; {@link LogicalOutboxWriter}: {@code pg_logical_emit_message}). A measurement, not a test: it prints and
 * asserts nothing, and runs only with {@code -Doutbox.measure=true}:
 * <pre>{@code
 * ./mvnw -B -ntp -o -pl messaging-support -am verify -Dtest=none -Dit.test=OutboxRelayCostIT -Doutbox.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 * {@code -Doutbox.measure.relays=table} (or {@code logical}) measures one relay; {@code -Doutbox.measure.wal-level=replica}
 * runs the server as it runs today without logical decoding (table relay only).
 *
 * <p>Its PostgreSQL is its own (so the server's figures are the relays' alone), with the services' settings (fsync
 * and {@code synchronous_commit} on), {@code wal_level=logical} unless told otherwise, and {@code pg_stat_statements};
 * autovacuum is off for the outbox so that the clean-up of dead rows is measured where it belongs, by a
 * {@code VACUUM} after each run. The machine's load average is printed with each run: on a shared machine wall and
 * CPU times are noisy, counts are not.
 */
class OutboxRelayCostIT {

    private static final int BACKLOG = Integer.getInteger("outbox.measure.rows", 20_000);
    private static final int TRICKLE = Integer.getInteger("outbox.measure.trickle", 2_000);
    private static final int TRICKLE_PER_SECOND = 200;
    private static final int KEYS = 5_000;
    private static final byte[] PAYLOAD = ("{\"data\":\"" + "x".repeat(580) + "\"}").getBytes(StandardCharsets.UTF_8);
    private static final String WAL_LEVEL = System.getProperty("outbox.measure.wal-level", "logical");
    private static final List<String> RELAYS = List.of(System.getProperty("outbox.measure.relays",
            WAL_LEVEL.equals("logical") ? "table,logical" : "table").split(","));

    private static EmbeddedPostgres postgres;
    private static DefaultKafkaProducerFactory<String, Object> producers;
    private static String topic;
    private static long relayed;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("outbox.measure"), "a measurement: -Doutbox.measure=true");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_utility", "off")
                .setServerConfig("wal_level", WAL_LEVEL)
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .start();
        new MessagingSchema(postgres.getPostgresDatabase()).afterPropertiesSet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION pg_stat_statements");
            sql.execute("ALTER TABLE messaging.outbox SET (autovacuum_enabled = false)");
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
    void measuresTheRelays() throws Exception {
        for (String relay : RELAYS) {
            Variant variant = relay.equals("logical") ? new Logical() : new Table();
            topic = "outbox-cost-" + UUID.randomUUID();
            relayed = 0;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedKafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
            System.out.printf(Locale.ROOT, "%n=== outbox relay cost: %s relay (wal_level=%s) ===%n", variant.name(),
                    WAL_LEVEL);
            run(variant, "warm-up backlog", 2_000, 0);
            run(variant, "backlog", BACKLOG, 0);
            run(variant, "warm-up trickle", 200, TRICKLE_PER_SECOND);
            run(variant, "trickle", TRICKLE, TRICKLE_PER_SECOND);
        }
    }

    /** Writes {@code rows} events (all before the relay starts, or {@code perSecond} one-event commits) and relays them. */
    private void run(Variant variant, String name, int rows, int perSecond) throws Exception {
        DataSource database = postgres.getPostgresDatabase();
        AtomicLong relayStatements = new AtomicLong();
        String loadBefore = loadAverage();
        try (Connection connection = database.getConnection()) {
            variant.prepare(database);
            Stats insertStart = Stats.read(connection);
            String lastCommit = perSecond == 0 ? insert(connection, variant, rows, 10, null) : null;
            Stats start = Stats.read(connection);
            resetStatements(connection);
            long startNanos = System.nanoTime();
            Runnable wake = variant.start(counting(database, relayStatements));
            if (perSecond > 0) {
                lastCommit = insert(connection, variant, rows, 1, wake);
            }
            awaitRelayed(connection, variant, rows, lastCommit);
            long relayCpu = relayThreadCpuNanos();
            long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            // Read while the relay's connection, and so its server process, still lives.
            long serverCpuTicks = Stats.read(connection).serverCpuTicks - start.serverCpuTicks;
            long walSenderTicks = walSenderCpuTicks(connection);
            variant.stop();
            Map<String, String> statements = statements(connection);
            vacuum(connection);
            Thread.sleep(1_000); // the relay's server process reports its WAL counts as it exits
            Stats end = Stats.read(connection);

            System.out.printf(Locale.ROOT, "%n--- %s: %,d events%s; load average %s before, %s after ---%n", name,
                    rows, perSecond == 0 ? ", written before the relay starts" : ", " + perSecond
                            + " one-event commits/s", loadBefore, loadAverage());
            System.out.printf(Locale.ROOT, "relay: %,d ms wall, relay thread CPU %,d ms, PostgreSQL CPU %,d ms"
                            + "%s, %,d statements (%.3f an event)%n", millis, relayCpu / 1_000_000,
                    serverCpuTicks * 10, walSenderTicks < 0 ? "" : " (of which its WAL sender " + walSenderTicks * 10
                            + " ms)", relayStatements.get(), relayStatements.get() / (double) rows);
            if (perSecond == 0) {
                insertStart.print("write (10 events a commit)", start, rows);
                start.print("relay + vacuum", end, rows);
            } else {
                start.print("write (1 event a commit) + relay + vacuum", end, rows);
            }
            System.out.println("pg_stat_statements since the relay started (exec = server time; wal_bytes exact"
                    + " per statement):");
            statements.forEach((query, figures) -> System.out.println("  " + figures + "  " + query));
        }
    }

    /**
     * Writes {@code rows} events, {@code perCommit} a transaction, with the relay's own writer; after each commit
     * {@code wake} (if any) runs, then it keeps the trickle's pace.
     *
     * @return the server's insert position just before the last commit, which that commit's record follows
     */
    private static String insert(Connection connection, Variant variant, int rows, int perCommit, Runnable wake)
            throws SQLException, InterruptedException {
        connection.setAutoCommit(false);
        OutboxWriter writer = variant.writer(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        long start = System.nanoTime();
        String beforeLastCommit = null;
        try {
            List<OutboxEvent> events = new ArrayList<>(perCommit);
            for (int i = 0; i < rows; i++) {
                events.add(new OutboxEvent(UUID.randomUUID(), topic, "order-" + (i % KEYS), "Probe", 1, PAYLOAD,
                        null));
                if ((i + 1) % perCommit == 0 || i == rows - 1) {
                    writer.write(events);
                    events.clear();
                    if (i == rows - 1) {
                        beforeLastCommit = text(connection, "SELECT pg_current_wal_insert_lsn()::text");
                    }
                    connection.commit();
                    if (wake != null) {
                        wake.run();
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
        return beforeLastCommit;
    }

    /**
     * Waits until the topic holds every event written (asking the broker, so that waiting costs the database
     * nothing), then until the relay has deleted the rows or confirmed the slot past the last commit.
     */
    private static void awaitRelayed(Connection connection, Variant variant, int rows, String lastCommit)
            throws Exception {
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
        while (!variant.caughtUp(connection, lastCommit)) {
            Thread.sleep(20);
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
                    WHERE (query ILIKE '%messaging.outbox%' OR query ILIKE '%pg_logical_emit_message%'
                           OR query ILIKE '%pg_replication_slots%')
                      AND query NOT ILIKE '%count(*) FROM messaging.outbox%'
                      AND query NOT ILIKE '%confirmed_flush_lsn >=%')
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

    private static String text(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The CPU ticks of the logical relay's WAL sender (decoding happens there); -1 without one. */
    private static long walSenderCpuTicks(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("""
                SELECT pid FROM pg_stat_replication WHERE application_name = 'ordersaga-outbox-relay'""")) {
            if (!rs.next()) {
                return -1;
            }
            String[] stat = Stats.stat(rs.getLong(1));
            return stat.length > 12 ? Long.parseLong(stat[11]) + Long.parseLong(stat[12]) : -1;
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One relay with its writer, as the cost run drives it. */
    private interface Variant {

        String name();

        OutboxWriter writer(JdbcTemplate jdbc);

        /** Before anything is written for a run: the logical relay's slot must exist to keep it. */
        void prepare(DataSource database) throws SQLException;

        /** Starts the relay on {@code database}; returns what wakes it after a commit. */
        Runnable start(DataSource database);

        void stop();

        /** Whether nothing written up to {@code lastCommit} (the position just before the last commit) waits. */
        boolean caughtUp(Connection connection, String lastCommit) throws SQLException;
    }

    /** Rows of messaging.outbox, deleted once sent. */
    private static final class Table implements Variant {
        private OutboxRelay relay;

        @Override
        public String name() {
            return "table (delete-on-send)";
        }

        @Override
        public OutboxWriter writer(JdbcTemplate jdbc) {
            return new TableOutboxWriter(jdbc, null);
        }

        @Override
        public void prepare(DataSource database) {
        }

        @Override
        public Runnable start(DataSource database) {
            relay = new OutboxRelay(database, new KafkaTemplate<>(producers), new MessagingProperties.Outbox());
            relay.start();
            return relay::wake;
        }

        @Override
        public void stop() {
            relay.stop();
        }

        @Override
        public boolean caughtUp(Connection connection, String lastCommit) throws SQLException {
            return single(connection, "SELECT count(*) FROM messaging.outbox") == 0;
        }
    }

    /** Logical decoding messages, read from the slot and confirmed once sent. */
    private static final class Logical implements Variant {
        private LogicalOutboxRelay relay;

        @Override
        public String name() {
            return "logical (pg_logical_emit_message, pgoutput slot)";
        }

        @Override
        public OutboxWriter writer(JdbcTemplate jdbc) {
            return new LogicalOutboxWriter(jdbc);
        }

        @Override
        public void prepare(DataSource database) throws SQLException {
            OutboxSlot.prepare(database);
        }

        @Override
        public Runnable start(DataSource database) {
            // The relay's own SQL (the left-over rows, heartbeats) through the counting data source.
            relay = new LogicalOutboxRelay(database, new LogicalOutboxRelay.Login(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"),
                    new KafkaTemplate<>(producers), new MessagingProperties.Outbox(), OutboxTracing.NONE);
            try {
                relay.afterPropertiesSet();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            relay.start();
            return () -> { };
        }

        @Override
        public void stop() {
            relay.stop();
        }

        @Override
        public boolean caughtUp(Connection connection, String lastCommit) throws SQLException {
            try (PreparedStatement confirmed = connection.prepareStatement("""
                    SELECT coalesce(bool_and(confirmed_flush_lsn >= ?::pg_lsn), false) FROM pg_replication_slots""")) {
                confirmed.setString(1, lastCommit);
                try (ResultSet rs = confirmed.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
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
        static String[] stat(long pid) {
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
