package io.ordersaga.localstack;

import static io.ordersaga.localstack.TestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's real code path in {@code --infra-only} mode, on random ports in a temporary data directory: a real
 * broker and a real PostgreSQL. The tests build on each other (write, restart, wipe), hence the fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final String TOPIC = "local-stack-it.events";

    @TempDir
    static Path tempDir;

    private static Options options;
    private static LocalStack stack;
    private static String firstClusterId;

    @BeforeAll
    static void startInfrastructure() {
        options = Options.defaults().withInfraOnly(true).withDataDir(tempDir.resolve("stack"))
                .withPorts(freePort(), freePort(), freePort());
        stack = start(options);
        firstClusterId = stack.kafka().clusterId();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRecordProducedWithAcksAllCanBeConsumed() throws Exception {
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = producer()) {
            sent = producer.send(new ProducerRecord<>(TOPIC, "order-1", "{\"hello\":\"kafka\"}")).get();
        }

        assertThat(sent.hasOffset()).isTrue();
        assertThat(consumeAll()).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .contains(tuple("order-1", "{\"hello\":\"kafka\"}"));
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
                    .as("num.partitions=3 as in DESIGN section 3").hasSize(3);
        }
    }

    @Test
    @Order(2)
    void eachServiceRoleOpensItsOwnDatabaseAndNoOtherOne() throws Exception {
        for (ServiceSpec spec : ServiceSpec.withDatabase()) {
            String role = spec.database();
            try (Connection own = connect(role, role, role); Statement sql = own.createStatement()) {
                sql.execute("CREATE TABLE marker (id int primary key)");
                try (ResultSet user = sql.executeQuery("SELECT current_user")) {
                    user.next();
                    assertThat(user.getString(1)).isEqualTo(role);
                }
            }
            for (ServiceSpec other : ServiceSpec.withDatabase()) {
                if (other != spec) {
                    assertThatThrownBy(() -> connect(other.database(), role, role).close())
                            .as("%s opening %s", role, other.database())
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                            .hasMessageContaining("permission denied for database");
                }
            }
        }
        // The superuser, as the benchmark, sees every database's statements from the postgres database.
        try (Connection admin = stack.postgres().superuserConnection("postgres");
             Statement sql = admin.createStatement();
             ResultSet seen = sql.executeQuery("""
                     SELECT count(DISTINCT d.datname) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                     WHERE s.query LIKE 'CREATE TABLE marker%'""")) {
            seen.next();
            assertThat(seen.getInt(1)).isEqualTo(ServiceSpec.withDatabase().size());
        }
    }

    @Test
    @Order(3)
    void passwordsAreChecked() {
        assertThatThrownBy(() -> connect("order_service", "order_service", "wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    @Order(4)
    void aSecondLauncherOnTheSameDataIsTurnedAway() {
        LocalStack second = new LocalStack(options, System.out);
        try {
            assertThatThrownBy(second::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining("Another local-stack is already running");
        } finally {
            second.close();
        }
        assertThat(stack.kafka().clusterId()).isEqualTo(firstClusterId);
    }

    @Test
    @Order(5)
    void aTakenPortIsNamedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Options clash = options.withDataDir(tempDir.resolve("clash")).withPorts(freePort(), freePort(), port);
            LocalStack second = new LocalStack(clash, System.out);
            try {
                assertThatThrownBy(second::start).isInstanceOf(StartupException.class)
                        .hasMessageContaining("Port " + port + " (PostgreSQL) is already in use.");
            } finally {
                second.close();
            }
            assertThat(tempDir.resolve("clash/kafka")).doesNotExist();
        }
    }

    @Test
    @Order(6)
    void aRestartKeepsTopicsRecordsAndDatabases() throws Exception {
        stack.close();
        stack = start(options);

        assertThat(stack.kafka().clusterId()).isEqualTo(firstClusterId);
        assertThat(consumeAll()).extracting(ConsumerRecord::key).contains("order-1");
        try (Connection own = connect("payment_service", "payment_service", "payment_service");
                Statement sql = own.createStatement();
                ResultSet count = sql.executeQuery("SELECT count(*) FROM marker")) {
            count.next();
            assertThat(count.getInt(1)).isZero();
        }
    }

    @Test
    @Order(7)
    void wipeStartsFromNothing() throws Exception {
        Files.writeString(stack.dataDirectory().logs().resolve("stale.log"), "old", StandardCharsets.UTF_8);
        stack.close();
        stack = start(options.withWipe(true));

        assertThat(stack.kafka().clusterId()).isNotNull().isNotEqualTo(firstClusterId);
        assertThat(stack.dataDirectory().logs().resolve("stale.log")).doesNotExist();
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(TOPIC);
        }
        try (Connection own = connect("order_service", "order_service", "order_service");
                ResultSet tables = own.getMetaData().getTables(null, "public", "marker", null)) {
            assertThat(tables.next()).as("table from before the wipe").isFalse();
        }
    }

    private static LocalStack start(Options startOptions) {
        LocalStack started = new LocalStack(startOptions, System.out);
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(database), user, password);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
    }

    /** Everything on {@link #TOPIC} from the beginning, read by a fresh consumer group. */
    private static List<ConsumerRecord<String, String>> consumeAll() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
