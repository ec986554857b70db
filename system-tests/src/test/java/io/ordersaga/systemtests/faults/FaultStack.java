package io.ordersaga.systemtests.faults;

import io.ordersaga.messaging.testing.TestIssuer;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.systemtests.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.replication.LogSequenceNumber;

/**
 * The whole suite as separate processes: Kafka (one broker, or a {@link KafkaCluster}; each node its own JVM on a
 * fixed port and a persistent log directory), one PostgreSQL (zonky's native server process, a database and role
 * per service) and the four services as {@code java -jar}, all on free random ports. {@link #close} stops
 * everything; a JVM shutdown hook kills whatever is left.
 */
final class FaultStack implements AutoCloseable {

    /**
     * Static group membership ({@code ORDERSAGA_INSTANCE_ID}), on unless {@code -Dfaults.staticMembership=false}:
     * a restarted service takes its partitions back without waiting for its dead member's session to expire.
     */
    static final boolean STATIC_MEMBERSHIP =
            Boolean.parseBoolean(System.getProperty("faults.staticMembership", "true"));
    /** Generous: on a 2-core machine shared with a benchmark at load 50, a service has taken over 5 minutes to start. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The services' producers give up on a record after 10 s instead of Kafka's 120 s, so that a broker outage
     * longer than the delivery timeout fits the short suite. Every scenario runs with it; a send that times out
     * leaves its outbox row unsent, to go again.
     */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    /** Far beyond any scenario's outage, so the saga deadline never ends an order the fault held up. */
    static final Duration SAGA_TIMEOUT = Duration.ofMinutes(15);
    /**
     * The services that run the logical outbox relay ({@code ORDERSAGA_MESSAGING_OUTBOX_RELAY=logical}) in every
     * scenario; the others run the table relay. {@code -Dfaults.logicalRelay=inventory} by default (comma-separated
     * service names, {@code none} for none). Payment-service stays on the table relay: the mutation run
     * {@code relay-delete-before-ack} breaks its table relay.
     */
    static final java.util.Set<Service> LOGICAL_RELAY = logicalRelayServices(
            System.getProperty("faults.logicalRelay", "inventory"));
    /** The harness's own slot per logical-relay database: what the services emitted, whatever the relay confirmed. */
    private static final String AUDIT_SLOT_PREFIX = "fault_harness_outbox_";
    private static final List<String> SERVICE_ARGS = List.of(
            "--spring.kafka.producer.properties.delivery.timeout.ms=" + DELIVERY_TIMEOUT.toMillis(),
            "--spring.kafka.producer.properties.request.timeout.ms=5000",
            "--spring.kafka.producer.properties.max.block.ms=5000");

    private final Path root;
    private final KafkaCluster kafka;
    private final int postgresPort;
    private final LogFile postgresLog;
    /** Replaced when PostgreSQL is restarted after a crash ({@link #restartPostgres}). */
    private volatile EmbeddedPostgres postgres;
    private final Map<Service, ServiceNode> services = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
    private final List<ServiceNode> extraInstances = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path repoRoot;
    private final ClassSharing classSharing;
    private final SagaClient client;
    private volatile Path logArchive = Path.of("target", "fault-logs");

    private FaultStack(Path root, Path repoRoot, KafkaCluster kafka, ClassSharing classSharing) throws IOException {
        this.classSharing = classSharing;
        this.repoRoot = repoRoot;
        this.root = root;
        this.kafka = kafka;
        this.postgresPort = Jvm.freePort();
        this.postgresLog = new LogFile(root.resolve("logs").resolve("postgres.log"));
        this.postgres = startPostgres();
        for (Service service : Service.values()) {
            String module = ServiceNode.module(service);
            String database = module.replace('-', '_');
            int port = Jvm.freePort();
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "SERVER_PORT", String.valueOf(port),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                    "SPRING_DATASOURCE_USERNAME", database,
                    "SPRING_DATASOURCE_PASSWORD", database,
                    "ORDERSAGA_DEMO_DATA", "false",
                    "ORDERSAGA_SECURITY_ISSUER_URI", TestIssuer.shared().issuerUri(),
                    // A lost event must show as a stuck order, not be covered up by the saga deadline's TIMED_OUT.
                    "ORDERSAGA_SAGA_TIMEOUT", SAGA_TIMEOUT.toSeconds() + "s"));
            if (STATIC_MEMBERSHIP) {
                env.put("ORDERSAGA_INSTANCE_ID", module + "-1");
            }
            if (LOGICAL_RELAY.contains(service)) {
                env.put("ORDERSAGA_MESSAGING_OUTBOX_RELAY", "logical");
            }
            env.putAll(kafka.serviceEnvironment());
            environments.put(service, Map.copyOf(env));
            services.put(service, new ServiceNode(service, jar(repoRoot, module), port, env, SERVICE_ARGS,
                    root.resolve("logs").resolve(module + ".log"), classSharing));
        }
        this.client = SagaClient.onLocalhost(port(Service.ORDER), port(Service.INVENTORY), port(Service.PAYMENT),
                port(Service.SHIPPING)).withTokens(new TestTokens());
    }

    /**
     * PostgreSQL as the local stack and production run it: zonky starts the server with {@code -F} (fsync off) and
     * {@code synchronous_commit=off}, fit for throw-away test databases, and both are turned back on here, so that a
     * commit is on disk when it returns and a crash of the server loses nothing committed. The data directory is
     * kept when the server stops (the stack wipes its root itself), so that a crashed server can start again on it.
     */
    private EmbeddedPostgres startPostgres() throws IOException {
        Files.createDirectories(postgresLog.path().getParent());
        Files.createDirectories(root.resolve("postgres-socket"));
        return EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(root.resolve("postgres"))
                .setCleanDataDirectory(false)
                // Its lock file beside the socket names the postmaster, like postmaster.pid: see killPostgres.
                .setServerConfig("unix_socket_directories", root.resolve("postgres-socket").toString())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // so that the services may run with ORDERSAGA_MESSAGING_OUTBOX_RELAY=logical (from the environment)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // the commit time of a logical outbox message's transaction: see logicalOutbox
                .setServerConfig("track_commit_timestamp", "on")
                .setPGStartupWait(Duration.ofSeconds(120))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.path().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.path().toFile()))
                .start();
    }

    /** PostgreSQL's own log (the postmaster's output), e.g. to find its crash recovery. */
    LogFile postgresLog() {
        return postgresLog;
    }

    /** The server's durability settings as it reports them ({@code SHOW}). */
    Map<String, String> postgresSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = sql.executeQuery("SHOW " + name)) {
                    value.next();
                    settings.put(name, value.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's settings", e);
        }
        return settings;
    }

    /** The postmaster, from the first line of {@code postmaster.pid} in the data directory. */
    java.util.Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(root.resolve("postgres").resolve("postmaster.pid"));
            return lines.isEmpty() ? java.util.Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(FaultStack::running);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code kill -9} of the postmaster. Its children (backends, checkpointer, WAL writer) notice its death and exit
     * on their own; any still running after 15 s is killed too, since a new postmaster refuses to start while one of
     * them holds the old shared memory. Returns how many of them had to be killed.
     *
     * <p>The postmaster is not this JVM's child (pg_ctl started it and exited), and on a machine whose init does not
     * reap orphans it stays a zombie, which a new postmaster would take for a live one: its lock files
     * ({@code postmaster.pid}, and the one beside the socket) are removed once nothing of the old server runs.
     */
    long killPostgres() throws IOException {
        ProcessHandle postmaster = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        Instant deadline = Instant.now().plusSeconds(15);
        while (children.stream().anyMatch(FaultStack::running) && Instant.now().isBefore(deadline)) {
            Jvm.sleep(Duration.ofMillis(100));
        }
        List<ProcessHandle> left = children.stream().filter(FaultStack::running).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        Instant gone = Instant.now().plusSeconds(10);
        while ((running(postmaster) || left.stream().anyMatch(FaultStack::running)) && Instant.now().isBefore(gone)) {
            Jvm.sleep(Duration.ofMillis(100));
        }
        removePostgresLockFiles();
        return left.size();
    }

    private void removePostgresLockFiles() throws IOException {
        Files.deleteIfExists(root.resolve("postgres").resolve("postmaster.pid"));
        Files.deleteIfExists(root.resolve("postgres-socket").resolve(".s.PGSQL." + postgresPort + ".lock"));
    }

    /** Alive and not a zombie (state Z in {@code /proc/<pid>/stat}: dead, not yet reaped by its parent). */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile
        }
    }

    /**
     * Starts PostgreSQL again on the same data directory and port, after {@link #killPostgres}: it replays its WAL
     * (crash recovery) before it accepts connections. The services' connection pools reconnect by themselves.
     */
    synchronized void restartPostgres() {
        try {
            postgres.close(); // pg_ctl stop fails on the dead server and says so; this releases zonky's lock
        } catch (IOException | RuntimeException e) {
            // the server is gone already: that is what this restart is for
        }
        try {
            postgres = startPostgres();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again on its data directory; see "
                    + postgresLog.path(), e);
        }
    }

    /** Starts PostgreSQL again if a scenario left it dead. */
    void ensurePostgresRunning() throws IOException {
        if (postmaster().isEmpty()) {
            removePostgresLockFiles();
            restartPostgres();
        }
    }

    /**
     * {@code kill -9} of one backend of {@code service}'s database role, an active one if there is one. The
     * postmaster then resets every connection of every database (it cannot know what the dead backend left in
     * shared memory) and runs crash recovery. Returns the backend's pid.
     */
    long killBackend(Service service) {
        String role = ServiceNode.module(service).replace('-', '_');
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var sql = connection.prepareStatement("""
                     SELECT pid FROM pg_stat_activity WHERE usename = ? AND pid <> pg_backend_pid()
                     ORDER BY state = 'active' DESC, state = 'idle in transaction' DESC, pid LIMIT 1""")) {
            sql.setString(1, role);
            try (ResultSet backend = sql.executeQuery()) {
                if (!backend.next()) {
                    throw new IllegalStateException(role + " has no connection to kill");
                }
                long pid = backend.getLong(1);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                return pid;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot find a backend of " + role, e);
        }
    }

    /** Whether PostgreSQL accepts connections again. */
    boolean postgresAnswers() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The service jars this harness runs, or those of them that are missing. */
    static List<Path> missingJars(Path repoRoot) {
        return Arrays.stream(Service.values()).map(s -> jar(repoRoot, ServiceNode.module(s)))
                .filter(jar -> !Files.isRegularFile(jar)).toList();
    }

    static Path jar(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-exec.jar");
    }

    /**
     * Starts, in a wiped {@code root}, PostgreSQL and the broker, then the four services in parallel; returns once all
     * are ready.
     *
     * @param hooks test-only hooks some services start with (see {@link ServiceNode#start(Map)})
     */
    static FaultStack start(Path root, Path repoRoot, Map<Service, Map<String, String>> hooks) throws IOException {
        return start(root, repoRoot, hooks, KafkaCluster::singleNode);
    }

    /** The same on another Kafka, made in the stack's directory, e.g. {@link KafkaCluster#likeTheClusterOverlay}. */
    static FaultStack start(Path root, Path repoRoot, Map<Service, Map<String, String>> hooks,
                            java.util.function.Function<Path, KafkaCluster> kafka) throws IOException {
        return start(root, repoRoot, hooks, kafka, ClassSharing.CONFIGURED);
    }

    /** The same, with {@code classSharing} for the services' JVMs (e.g. {@link ClassSharing#UNTRAINED}). */
    static FaultStack start(Path root, Path repoRoot, Map<Service, Map<String, String>> hooks,
                            java.util.function.Function<Path, KafkaCluster> kafka, ClassSharing classSharing)
            throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(root);
        FaultStack stack = new FaultStack(root, repoRoot, kafka.apply(root.resolve("kafka")), classSharing);
        try {
            stack.provisionDatabases();
            stack.kafka.start();
            // Before the first start, when training (-Dfaults.cds=trained): every restart then loads its classes from
            // the archive.
            CompletableFuture.allOf(stack.services.values().stream()
                    .map(node -> CompletableFuture.runAsync(node::trainClassSharing))
                    .toArray(CompletableFuture[]::new)).join();
            stack.services.forEach((service, node) -> node.start(hooks.getOrDefault(service, Map.of())));
            CompletableFuture.allOf(stack.services.values().stream()
                    .map(node -> CompletableFuture.runAsync(() -> node.awaitReady(READY_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            stack.createAuditSlots();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    SagaClient client() {
        return client;
    }

    /** The broker; of a cluster, its first node. */
    KafkaBroker broker() {
        return kafka.nodes().get(0);
    }

    KafkaCluster kafka() {
        return kafka;
    }

    ServiceNode service(Service service) {
        return services.get(service);
    }

    List<ServiceNode> services() {
        return List.copyOf(services.values());
    }

    Path root() {
        return root;
    }

    /**
     * Another instance of {@code service} on its own port, with the same database and broker, not started yet; it
     * is killed with the stack at the latest.
     *
     * @param instanceId its {@code ORDERSAGA_INSTANCE_ID} (static group membership)
     * @param args extra command-line properties, e.g. consumer settings
     */
    ServiceNode anotherInstance(Service service, String instanceId, List<String> args) {
        String module = ServiceNode.module(service);
        int port = Jvm.freePort();
        Map<String, String> env = new java.util.HashMap<>(environments.get(service));
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("ORDERSAGA_INSTANCE_ID", instanceId);
        List<String> allArgs = new ArrayList<>(SERVICE_ARGS);
        allArgs.addAll(args);
        ServiceNode node = new ServiceNode(instanceId, service, jar(repoRoot, module), port, env, allArgs,
                root.resolve("logs").resolve(instanceId + ".log"), classSharing);
        extraInstances.add(node);
        return node;
    }

    /** The four services and every other instance made so far. */
    List<ServiceNode> allInstances() {
        List<ServiceNode> all = new ArrayList<>(services.values());
        all.addAll(extraInstances);
        return all;
    }

    /** Stops every instance {@link #anotherInstance} made. */
    void stopOtherInstances() {
        extraInstances.forEach(node -> node.process().stop());
    }

    /**
     * The outbox entries, per service, written at or after {@code since}: while the broker is down none of them can
     * be acknowledged, so none may leave its outbox. For a table-relay service the rows' ids; for a logical-relay
     * service the end positions (LSN) of the messages' transactions, which leave when the slot confirms past them.
     */
    Map<Service, List<Long>> outboxRowsWrittenSince(java.time.Instant since) {
        Map<Service, List<Long>> rows = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            try (Connection connection = superuser(service)) {
                rows.put(service, LOGICAL_RELAY.contains(service) ? logicalOutbox(connection, since)
                        : tableOutboxWrittenSince(connection, since));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read " + service + "'s outbox", e);
            }
        }
        return rows;
    }

    private static List<Long> tableOutboxWrittenSince(Connection connection, Instant since) throws SQLException {
        return longsSince(connection, "SELECT id FROM messaging.outbox WHERE created_at >= ?", since);
    }

    /** The first column of {@code query}, whose one parameter is {@code since}. */
    private static List<Long> longsSince(Connection connection, String query, Instant since) throws SQLException {
        try (var sql = connection.prepareStatement(query)) {
            sql.setTimestamp(1, java.sql.Timestamp.from(since));
            List<Long> values = new ArrayList<>();
            try (ResultSet result = sql.executeQuery()) {
                while (result.next()) {
                    values.add(result.getLong(1));
                }
            }
            return values;
        }
    }

    /**
     * How many of {@code rows} have left their outbox: the table relay deletes a row once the broker acknowledged
     * it; the logical relay confirms its slot past a transaction once the broker acknowledged its messages.
     */
    long outboxRowsGone(Map<Service, List<Long>> rows) {
        long gone = 0;
        for (Map.Entry<Service, List<Long>> service : rows.entrySet()) {
            try (Connection connection = superuser(service.getKey())) {
                if (LOGICAL_RELAY.contains(service.getKey())) {
                    long confirmed = confirmedPosition(connection, service.getKey());
                    gone += service.getValue().stream().filter(end -> end <= confirmed).count();
                    continue;
                }
                try (var sql = connection.prepareStatement("SELECT count(*) FROM messaging.outbox WHERE id = ANY (?)")) {
                    sql.setArray(1, connection.createArrayOf("bigint", service.getValue().toArray()));
                    try (ResultSet present = sql.executeQuery()) {
                        present.next();
                        gone += service.getValue().size() - present.getLong(1);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read " + service.getKey() + "'s outbox", e);
            }
        }
        return gone;
    }

    /**
     * Outbox entries not yet acknowledged by the broker, over all four services: a table-relay service's rows (the
     * relay deletes the others); a logical-relay service's messages whose transaction ends past its slot's confirmed
     * position (the relay confirms only what the broker acknowledged). Once a logical service has none, its audit
     * slot moves up to the confirmed position, so that the next read decodes only newer WAL.
     */
    long unsentOutboxRows() {
        long unsent = 0;
        for (Service service : Service.values()) {
            try (Connection connection = superuser(service); Statement sql = connection.createStatement()) {
                if (LOGICAL_RELAY.contains(service)) {
                    long confirmed = confirmedPosition(connection, service);
                    long pending = logicalOutbox(connection, Instant.EPOCH).stream().filter(end -> end > confirmed)
                            .count();
                    if (pending == 0) {
                        advanceAuditSlot(connection, service, confirmed);
                    }
                    unsent += pending;
                    continue;
                }
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM messaging.outbox")) {
                    rows.next();
                    unsent += rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot count " + service + "'s outbox", e);
            }
        }
        return unsent;
    }

    /**
     * The relay's slot of a logical-relay service's database is named by OutboxSlot.name, its position the one the
     * relay confirmed after the broker's ack ({@code confirmed_flush_lsn}).
     */
    private static long confirmedPosition(Connection connection, Service service) throws SQLException {
        try (var sql = connection.prepareStatement("""
                SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint FROM pg_replication_slots
                WHERE slot_name = 'ordersaga_outbox_' || current_database()""")) {
            try (ResultSet slot = sql.executeQuery()) {
                if (!slot.next()) {
                    throw new IllegalStateException(service + " runs the logical outbox relay but has no slot");
                }
                return slot.getLong(1);
            }
        }
    }

    /**
     * For each outbox message (prefix {@code ordersaga.outbox}, not the relay's heartbeats) a logical-relay service
     * emitted in a transaction committed at or after {@code since}, that transaction's end position, read from the
     * harness's audit slot without consuming it ({@code pg_logical_slot_peek_binary_changes}: the relay's own slot
     * cannot be peeked while it streams). In pgoutput's binary format a message is {@code 'M'}, a flags byte and its
     * 8-byte LSN, then the prefix; a commit row's {@code lsn} is its transaction's end. Synchronized: a slot serves
     * one reader at a time.
     */
    private synchronized List<Long> logicalOutbox(Connection connection, Instant since) throws SQLException {
        return longsSince(connection, """
                WITH c AS (SELECT lsn, xid, data FROM pg_logical_slot_peek_binary_changes(
                        '%s' || current_database(), NULL, NULL, 'proto_version', '1',
                        'publication_names', 'ordersaga_outbox', 'messages', 'true'))
                SELECT (k.lsn - '0/0'::pg_lsn)::bigint FROM c m
                JOIN c k ON k.xid = m.xid AND get_byte(k.data, 0) = 67
                WHERE get_byte(m.data, 0) = 77 AND substring(m.data FROM 11 FOR 17) = '\\x6f72646572736167612e6f7574626f7800'::bytea
                  AND pg_xact_commit_timestamp(m.xid) >= ?""".formatted(AUDIT_SLOT_PREFIX), since);
    }

    private synchronized void advanceAuditSlot(Connection connection, Service service, long confirmed)
            throws SQLException {
        try (var sql = connection.prepareStatement(
                "SELECT pg_replication_slot_advance('" + AUDIT_SLOT_PREFIX + "' || current_database(), ?::pg_lsn)")) {
            sql.setString(1, LogSequenceNumber.valueOf(confirmed).asString());
            sql.execute();
        }
    }

    /**
     * The harness's audit slot in each logical-relay service's database, made once the services are ready (their
     * relay made its publication and slot) and before any load: it sees every outbox message from then on,
     * whatever the relay sends or confirms.
     */
    private void createAuditSlots() {
        for (Service service : LOGICAL_RELAY) {
            try (Connection connection = superuser(service); Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_create_logical_replication_slot('" + AUDIT_SLOT_PREFIX
                        + ServiceNode.module(service).replace('-', '_') + "', 'pgoutput')");
                confirmedPosition(connection, service); // fails unless the service's relay made its slot
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create the outbox audit slot in " + service + "'s database", e);
            }
        }
    }

    private static java.util.Set<Service> logicalRelayServices(String names) {
        java.util.Set<Service> services = java.util.EnumSet.noneOf(Service.class);
        for (String name : names.split(",")) {
            if (!name.isBlank() && !name.strip().equals("none")) {
                services.add(Service.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return services;
    }

    private int port(Service service) {
        return services.get(service).port();
    }

    private void provisionDatabases() {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            for (Service service : Service.values()) {
                String name = ServiceNode.module(service).replace('-', '_');
                sql.execute("CREATE ROLE " + name + " WITH LOGIN REPLICATION PASSWORD '" + name + "'");
                sql.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the service databases", e);
        }
    }

    /** A superuser connection to one service's database, for the outbox count and pg_terminate_backend. */
    Connection superuser(Service service) throws SQLException {
        return postgres.getDatabase("postgres", ServiceNode.module(service).replace('-', '_')).getConnection();
    }

    private volatile String lastLagProblem = "";

    /** Why the last {@link #consumerLag} could not be measured. */
    String lastLagProblem() {
        return lastLagProblem;
    }

    /** Records not yet consumed by the four services' consumer groups (each group is named after its service). */
    long consumerLag() {
        try (Admin admin = admin()) {
            long lag = 0;
            for (Service service : Service.values()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(ServiceNode.module(service)).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed
                        .keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    long position = entry.getValue() == null ? 0 : entry.getValue().offset();
                    lag += ends.get(entry.getKey()).offset() - position;
                }
            }
            return lag;
        } catch (Exception e) {
            lastLagProblem = e.toString();
            return Long.MAX_VALUE; // the broker does not answer (yet)
        }
    }

    /** Where {@link #close()} keeps the processes' logs: {@code target/fault-logs} unless a suite names its own. */
    void keepLogsIn(Path directory) {
        this.logArchive = directory;
    }

    /** Copies the processes' logs to {@link #keepLogsIn the log archive} before the stack's directory goes. */
    private void keepLogs() throws IOException {
        Path target = logArchive;
        Files.createDirectories(target);
        List<Path> logs = new ArrayList<>();
        kafka.nodes().forEach(node -> logs.add(node.process().log()));
        logs.add(postgresLog.path());
        allInstances().forEach(node -> logs.add(node.process().log()));
        for (Path log : logs) {
            if (Files.exists(log)) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(config);
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        List<ServiceNode> nodes = new ArrayList<>(services.values());
        nodes.addAll(extraInstances);
        for (ServiceNode node : nodes) {
            try {
                node.process().kill();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        kafka.kill();
        try {
            postgres.close();
            keepLogs();
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
