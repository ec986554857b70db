package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ordersaga.events.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster profile's Kafka principals and ACLs ({@code docker/kafka/acls.txt}) on a real broker in this JVM that
 * checks them ({@link SecuredKafka}): each service writes its own topics and dead letters and no other service's
 * topic, reads what it consumes with its own groups, and a client that cannot log in gets nothing.
 *
 * <p>What each service does is written here from its code and configuration, apart from the ACL file, so a rule
 * missing from the file (a service stops working) or one too many (a service may write another's topic) fails.
 */
class KafkaAclsIT {

    private static final String ORDER = Topics.ORDER_EVENTS;
    private static final String INVENTORY = Topics.INVENTORY_EVENTS;
    private static final String PAYMENT = Topics.PAYMENT_EVENTS;
    private static final String SHIPPING = Topics.SHIPPING_EVENTS;
    private static final String SYSTEM = Topics.SYSTEM_EVENTS;
    private static final String QUOTE_REQUESTS = Topics.QUOTE_REQUESTS;
    private static final String QUOTE_REPLIES = Topics.QUOTE_REPLIES;
    private static final List<String> SAGA = Topics.SAGA_TOPICS;
    /** Every topic each service declares at start (messaging-support's KafkaMessagingConfiguration). */
    private static final List<String> SHARED = List.of(ORDER, INVENTORY, PAYMENT, SHIPPING, SYSTEM, QUOTE_REQUESTS,
            QUOTE_REPLIES);

    /** A topic a service publishes to ({@code system.events} aside, which every service writes). */
    private static final Map<String, List<String>> WRITES = Map.of(
            "order-service", List.of(ORDER, QUOTE_REQUESTS),
            "inventory-service", List.of(INVENTORY, QUOTE_REPLIES),
            "payment-service", List.of(PAYMENT),
            "shipping-service", List.of(SHIPPING),
            "analytics-service", List.of("orders.high-value", "alerts.customer-bursts"));

    /** One consumer group of a service: the topics it subscribes to, and whether it dead-letters what it cannot use. */
    private record Consumer(String user, String group, List<String> topics, boolean deadLetters) {
    }

    private static final List<Consumer> CONSUMERS = List.of(
            // ordersaga.messaging.consumed-topics of each service, its group = spring.application.name
            new Consumer("order-service", "order-service", List.of(INVENTORY, PAYMENT, SHIPPING), true),
            new Consumer("inventory-service", "inventory-service", List.of(ORDER, PAYMENT, SHIPPING), true),
            new Consumer("payment-service", "payment-service", List.of(INVENTORY, ORDER, SHIPPING), true),
            new Consumer("shipping-service", "shipping-service", List.of(ORDER, PAYMENT), true),
            new Consumer("analytics-service", "analytics-service", SAGA, true),
            // order-service's read models (SagaConfiguration.TIMELINE_GROUP) and its quote replies (RequestReply)
            new Consumer("order-service", "order-service-timeline", SAGA, true),
            new Consumer("order-service", "order-service-replies-" + UUID.randomUUID(), List.of(QUOTE_REPLIES), false),
            // inventory's QuoteRequestListener
            new Consumer("inventory-service", "inventory-service-quotes", List.of(QUOTE_REQUESTS), false),
            // bin/kafka-console-consumer's default group
            new Consumer("viewer", "console-consumer-" + UUID.randomUUID(), List.of(ORDER), false));

    @TempDir
    static Path dir;

    private static SecuredKafka kafka;

    @BeforeAll
    static void startBrokerAndInitialiseItLikeTheCluster() throws Exception {
        KafkaAcls acls = KafkaAcls.load();
        kafka = new SecuredKafka(dir.resolve("kafka"), TestSupport.freePort(), TestSupport.freePort(), acls.users());
        kafka.start();
        runClusterInit();
        try (Admin admin = Admin.create(kafka.client(SecuredKafka.ADMIN))) {
            // kafka-acls.sh returns once the controller has the ACLs; the broker applies them from the metadata log.
            TestSupport.await(Duration.ofSeconds(30), "the broker has the ACLs of " + KafkaAcls.FILE,
                    () -> acls.bindings().equals(describeAcls(admin)));
            assertThat(admin.listTopics().names().get()).containsAll(acls.literalTopics());
        }
        try (KafkaProducer<String, String> producer = producer(kafka.client(SecuredKafka.ADMIN))) {
            for (String topic : Stream.concat(SAGA.stream(), Stream.of(QUOTE_REQUESTS, QUOTE_REPLIES)).toList()) {
                producer.send(new ProducerRecord<>(topic, "seed", "written by admin")).get();
            }
        }
    }

    /**
     * The cluster's kafka-init script itself, as admin, with Kafka's own tools from this classpath standing in for
     * the image's {@code /opt/kafka/bin}: it creates the topics and adds the ACLs.
     */
    private static void runClusterInit() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (var tool : Map.of("kafka-acls.sh", "org.apache.kafka.tools.AclCommand",
                "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand").entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, toolScript(tool.getValue(), bin.resolve(tool.getKey() + ".jsa")));
            script.toFile().setExecutable(true);
        }
        Path log = dir.resolve("kafka-init.log");
        ProcessBuilder init = new ProcessBuilder("bash", KafkaAcls.repositoryRoot()
                .resolve("docker/kafka/init-secured-cluster.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        init.environment().putAll(Map.of("BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "ACLS", KafkaAcls.repositoryRoot().resolve(KafkaAcls.FILE).toString(),
                "SCRAM_PASSWORD_ADMIN", kafka.password(SecuredKafka.ADMIN),
                "TOPIC_PARTITIONS", "1", "TOPIC_REPLICATION_FACTOR", "1", "KAFKA_BIN", bin.toString()));
        Process process = init.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("init-secured-cluster.sh:%n%s", Files.readString(log)).isZero();
    }

    /**
     * A stand-in for one of the image's tool scripts: one JVM per call, as there, C1 only. The script calls it once
     * per ACL rule, about seventy JVMs, most of whose time is loading the same classes; so the first calls write a
     * class data archive of them ({@code -XX:ArchiveClassesAtExit}) and the rest start from it. The class path is
     * this JVM's jars (an archive refuses a non-empty directory on the class path; the tools need none of them).
     */
    private static String toolScript(String mainClass, Path archive) {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jars = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).collect(java.util.stream.Collectors.joining(
                        java.io.File.pathSeparator));
        String run = "'" + javaCommand + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + jars + "' ";
        return "#!/bin/sh\n"
                + "archive='" + archive + "'\n"
                + "if [ -f \"$archive\" ]; then\n"
                + "  exec " + run + "-XX:SharedArchiveFile=\"$archive\" " + mainClass + " \"$@\"\n"
                + "fi\n"
                + run + "-XX:ArchiveClassesAtExit=\"$archive.$$\" " + mainClass + " \"$@\"\n"
                + "status=$?\n"
                + "mv -f \"$archive.$$\" \"$archive\" 2>/dev/null\n"
                + "exit $status\n";
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void paymentServiceWritesPaymentEventsButCannotWriteInventoryEvents() throws Exception {
        try (KafkaProducer<String, String> payment = producer(kafka.client("payment-service"))) {
            assertThat(payment.send(new ProducerRecord<>(PAYMENT, "order-1", "PaymentCompleted")).get().topic())
                    .isEqualTo(PAYMENT);

            var forbidden = payment.send(new ProducerRecord<>(INVENTORY, "order-1", "InventoryReserved"));
            assertThatThrownBy(forbidden::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void eachServiceWritesItsOwnTopicsSystemEventsAndItsDeadLettersAndNoOtherServicesTopic() throws Exception {
        Set<String> everyServiceTopic = new HashSet<>(SHARED);
        WRITES.values().forEach(everyServiceTopic::addAll);
        CONSUMERS.forEach(consumer -> everyServiceTopic.addAll(deadLetterTopics(consumer)));
        for (String service : WRITES.keySet()) {
            Set<String> allowed = new LinkedHashSet<>(WRITES.get(service));
            allowed.add(SYSTEM);
            consumersOf(service).forEach(consumer -> allowed.addAll(deadLetterTopics(consumer)));
            try (KafkaProducer<String, String> producer = producer(kafka.client(service))) {
                for (String topic : everyServiceTopic) {
                    var sent = producer.send(new ProducerRecord<>(topic, "k", "from " + service));
                    if (allowed.contains(topic)) {
                        assertThat(sent.get().topic()).as(service + " writes " + topic).isEqualTo(topic);
                    } else {
                        assertThatThrownBy(sent::get).as(service + " must not write " + topic)
                                .hasCauseInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
        }
    }

    @Test
    void eachServiceConsumesItsTopicsWithItsGroups() {
        for (Consumer consumer : CONSUMERS) {
            Map<String, Object> config = new HashMap<>(kafka.client(consumer.user()));
            config.put(ConsumerConfig.GROUP_ID_CONFIG, consumer.group());
            try (KafkaConsumer<String, String> client = consumer(config)) {
                client.subscribe(consumer.topics());
                Set<String> read = new HashSet<>();
                TestSupport.await(Duration.ofSeconds(60), consumer.group() + " reads " + consumer.topics(), () -> {
                    client.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.topic()));
                    return read.containsAll(consumer.topics());
                });
                client.commitSync();
            }
        }
    }

    @Test
    void aServiceReadsNeitherWithAnotherServicesGroupNorATopicItDoesNotConsume() {
        Map<String, Object> otherGroup = new HashMap<>(kafka.client("payment-service"));
        otherGroup.put(ConsumerConfig.GROUP_ID_CONFIG, "inventory-service");
        try (KafkaConsumer<String, String> client = consumer(otherGroup)) {
            client.subscribe(List.of(INVENTORY));
            assertThatThrownBy(() -> pollFor(client)).isInstanceOf(GroupAuthorizationException.class);
        }
        Map<String, Object> ownGroup = new HashMap<>(kafka.client("shipping-service"));
        ownGroup.put(ConsumerConfig.GROUP_ID_CONFIG, "shipping-service");
        try (KafkaConsumer<String, String> client = consumer(ownGroup)) {
            client.subscribe(List.of(INVENTORY));
            assertThatThrownBy(() -> pollFor(client)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** spring-kafka's KafkaAdmin describes every declared topic at start; a service that cannot would not start. */
    @Test
    void eachServiceSeesEveryTopicItDeclares() throws Exception {
        for (String service : WRITES.keySet()) {
            Set<String> declared = new LinkedHashSet<>(SHARED);
            consumersOf(service).forEach(consumer -> declared.addAll(deadLetterTopics(consumer)));
            declared.addAll(WRITES.get(service));
            try (Admin admin = Admin.create(kafka.client(service))) {
                assertThat(admin.describeTopics(declared).allTopicNames().get()).as(service).containsOnlyKeys(declared);
            }
        }
    }

    /**
     * analytics-service is a Kafka Streams application with exactly_once_v2: it creates its internal topics, and
     * writes under transactional ids that start with its application id, and under no other.
     */
    @Test
    void analyticsCreatesItsInternalTopicsAndWritesInTransactionsUnderItsOwnIdsOnly() throws Exception {
        String changelog = "analytics-service-order-journeys-changelog";
        try (Admin admin = Admin.create(kafka.client("analytics-service"))) {
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1))).all().get();
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("payment-service-sneaky", 1, (short) 1)))
                    .all().get()).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> transactional = new HashMap<>(kafka.client("analytics-service"));
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "analytics-service-" + UUID.randomUUID() + "-1");
        try (KafkaProducer<String, String> producer = producer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("orders.high-value", "order-1", "OrderCompleted"));
            producer.send(new ProducerRecord<>(changelog, "order-1", "journey"));
            producer.commitTransaction();
        }
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "order-service-1");
        try (KafkaProducer<String, String> producer = producer(transactional)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    /**
     * The viewer may write no topic at all, so its idempotent producer is refused before any topic is asked about
     * (ClusterAuthorizationException: since KIP-679 an idempotent producer needs Write on some topic, or
     * IdempotentWrite on the cluster, which no principal has). The services' producers, idempotent too, pass with
     * their Write on their own topics alone.
     */
    @Test
    void theViewerReadsButWritesNothing() {
        try (KafkaProducer<String, String> viewer = producer(kafka.client("viewer"))) {
            for (String topic : SHARED) {
                assertThatThrownBy(() -> viewer.send(new ProducerRecord<>(topic, "k", "v")).get()).as(topic)
                        .hasCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        // The broker only speaks SASL on this listener: a plain request ends the connection, every retry alike.
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(PAYMENT, "order-1", "PaymentCompleted")).get())
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    /** bin/kafka-console-consumer logs in as KAFKA_USERNAME with KAFKA_PASSWORD, never on its command line. */
    @Test
    void theConsoleConsumerScriptReadsAsTheUserItIsGiven() throws Exception {
        Path output = dir.resolve("console-consumer.out");
        String consoleConsumer = KafkaAcls.repositoryRoot().resolve("bin/kafka-console-consumer").toString();
        ProcessBuilder script = new ProcessBuilder("sh", consoleConsumer, "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", ORDER, "--from-beginning", "--max-messages", "1", "--timeout-ms", "120000")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        script.environment().put("KAFKA_USERNAME", "viewer");
        script.environment().put("KAFKA_PASSWORD", kafka.password("viewer"));
        Process process = script.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(Files.readString(output)).contains("written by admin");
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(kafka.client("payment-service", "not-" + kafka.password("payment-service")))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static List<Consumer> consumersOf(String service) {
        return CONSUMERS.stream().filter(consumer -> consumer.user().equals(service)).toList();
    }

    /** {@code <topic>.<group>.dlt} for each topic of a group that dead-letters (DESIGN section 3). */
    private static List<String> deadLetterTopics(Consumer consumer) {
        if (!consumer.deadLetters()) {
            return List.of();
        }
        return consumer.topics().stream().map(topic -> Topics.deadLetter(topic, consumer.group())).toList();
    }

    private static void pollFor(KafkaConsumer<String, String> client) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 50 && records.isEmpty(); i++) {
            client.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        throw new AssertionError("read " + records.size() + " records, expected to be refused");
    }

    private static Set<AclBinding> describeAcls(Admin admin) {
        try {
            return new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get());
        } catch (InterruptedException | ExecutionException e) {
            return Set.of();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        Map<String, Object> producer = new HashMap<>(config);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer());
    }
}
