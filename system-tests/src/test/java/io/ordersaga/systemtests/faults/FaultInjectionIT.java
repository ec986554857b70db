package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.systemtests.SagaClient.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault suite: the four services, the broker and PostgreSQL as separate processes, orders placed at a steady
 * rate while one thing at a time is crashed, paused or corrupted; after each fault heals, every order must be
 * terminal and every invariant of DESIGN section 4 must hold. Each scenario writes its report to
 * {@code target/fault-reports/}.
 *
 * <p>The short version (5 orders/s for 8 s a scenario) runs in every {@code verify}; {@code -Pfaults-long} runs
 * 20 orders/s for 30 s with a 20 s broker pause.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final int RATE = Integer.getInteger("faults.rate", 5);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("faults.seconds", 8));
    private static final Duration BROKER_PAUSE = Duration.ofSeconds(Integer.getInteger("faults.pauseSeconds", 5));
    /** Long version only: kill each service in its own scenario (the short version kills all four at once). */
    private static final boolean EACH_SERVICE = Boolean.getBoolean("faults.eachService");
    private static final Path REPORTS = Path.of("target", "fault-reports");

    private FaultStack stack;
    private FaultRun run;

    @BeforeAll
    void startStack() throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        List<Path> missing = FaultStack.missingJars(repoRoot);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "Fault suite skipped: the service jars are not built "
                + missing + "; run './mvnw -B -ntp package -DskipTests' (a reactor verify builds them first).");
        // Outside target/: a 'clean' of the module while the suite runs must not pull PostgreSQL's files away.
        stack = FaultStack.start(java.nio.file.Files.createTempDirectory("ordersaga-faults-"), repoRoot, List.of());
        run = new FaultRun(stack, RATE, LOAD, REPORTS);
    }

    /** A scenario that failed half-way must not take the next ones down with it. */
    @org.junit.jupiter.api.BeforeEach
    void everythingRuns() {
        stack.broker().process().resume();
        if (!stack.broker().process().isAlive()) {
            stack.broker().start();
        }
        for (ServiceNode node : stack.services()) {
            if (!node.process().isAlive()) {
                node.start();
            }
        }
        stack.services().parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void allFourServicesKilledMidSagaLoseNothingAndChargeNothingTwice() throws Exception {
        List<ServiceNode> nodes = stack.services();
        ScenarioReport report = run.underLoad("kill9-all-services",
                "kill -9 of all four services at once under load, then a restart of each", new FaultRun.Fault() {
                    @Override
                    public void inject() {
                        nodes.forEach(node -> node.process().kill());
                    }

                    @Override
                    public void heal() {
                        nodes.forEach(ServiceNode::start);
                        nodes.parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
                    }

                    @Override
                    public Service restarted() {
                        return Service.PAYMENT;
                    }
                });
        assertPassed(report);
    }

    @Order(2)
    @ParameterizedTest(name = "kill -9 of {0}")
    @EnumSource(Service.class)
    void aServiceKilledMidSagaLosesNothingAndChargesNothingTwice(Service service) throws Exception {
        Assumptions.assumeTrue(EACH_SERVICE, "each service is killed on its own in the long version (-Pfaults-long)");
        ServiceNode node = stack.service(service);
        ScenarioReport report = run.underLoad("kill9-" + ServiceNode.module(service),
                "kill -9 of " + ServiceNode.module(service) + " under load, then a restart", new FaultRun.Fault() {
                    @Override
                    public void inject() {
                        node.process().kill();
                    }

                    @Override
                    public void heal() {
                        node.start();
                        node.awaitReady(FaultStack.READY_TIMEOUT);
                    }

                    @Override
                    public Service restarted() {
                        return service;
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(3)
    void crashesAtTheExactPointsBetweenCommitAndSendAndBetweenEffectAndOffsetLoseNothing() throws Exception {
        // Armed so that each point is reached while the services downstream of it still run: order-service sends
        // its first OrderPlaced and halts, inventory-service handles it and halts before its offset commit, and
        // payment-service halts before sending its first PaymentCompleted once inventory is back.
        Map<ServiceNode, String> armed = new LinkedHashMap<>();
        armed.put(stack.service(Service.ORDER), io.ordersaga.messaging.CrashPoints.RELAY_AFTER_SEND);
        armed.put(stack.service(Service.INVENTORY), io.ordersaga.messaging.CrashPoints.INBOX_AFTER_COMMIT);
        armed.put(stack.service(Service.PAYMENT), io.ordersaga.messaging.CrashPoints.RELAY_BEFORE_SEND);
        Map<String, Integer> exitStatus = new java.util.concurrent.ConcurrentHashMap<>();
        ScenarioReport report = run.underLoad("crash-points",
                "order-service halts after the broker's ack before marking its outbox row sent, inventory-service"
                        + " after a handler's commit before the offset commit, payment-service after its outbox"
                        + " commit before the send; each is restarted as soon as it has halted",
                new FaultRun.Fault() {
                    @Override
                    public void prepare() {
                        armed.keySet().forEach(node -> node.process().stop());
                        armed.forEach(ServiceNode::startArmed);
                        armed.keySet().parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
                    }

                    @Override
                    public void inject() {
                        // the load itself drives each armed service into its crash point
                    }

                    @Override
                    public void heal() {
                        Instant deadline = Instant.now().plus(FaultStack.READY_TIMEOUT);
                        Set<ServiceNode> waiting = new LinkedHashSet<>(armed.keySet());
                        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
                            for (ServiceNode node : List.copyOf(waiting)) {
                                node.process().exitStatus().ifPresent(status -> {
                                    exitStatus.put(ServiceNode.module(node.service()), status);
                                    node.start();
                                    waiting.remove(node);
                                });
                            }
                            Jvm.sleep(Duration.ofMillis(200));
                        }
                        for (ServiceNode node : waiting) { // never reached its point: disarm, so the rest can heal
                            node.process().stop();
                            node.start();
                        }
                        armed.keySet().parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
                    }
                });
        assertThat(exitStatus).as("exit status of each service halted at its crash point")
                .containsOnlyKeys("order-service", "inventory-service", "payment-service")
                .allSatisfy((service, status) -> assertThat(status).isEqualTo(137));
        assertPassed(report);
    }

    @Test
    @Order(3)
    void theBrokerHardKilledThreeTimesOnItsOwnLogLosesNothing() throws Exception {
        KafkaBroker broker = stack.broker();
        ScenarioReport report = run.underLoad("broker-kill9-x3",
                "kill -9 of the broker and a restart on the same log directory, three times in a row",
                new FaultRun.Fault() {
                    @Override
                    public void inject() {
                        broker.kill();
                        broker.start();
                        broker.kill();
                        broker.start();
                        broker.kill();
                    }

                    @Override
                    public void heal() {
                        broker.start();
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(4)
    void aPausedBrokerResumesWithoutLossOrDuplicateEffects() throws Exception {
        KafkaBroker broker = stack.broker();
        Duration alreadyPaused = LOAD.dividedBy(3);
        ScenarioReport report = run.underLoad("broker-paused",
                "broker frozen with kill -STOP for " + BROKER_PAUSE.toSeconds() + " s, then kill -CONT",
                new FaultRun.Fault() {
                    @Override
                    public void inject() {
                        broker.process().pause();
                    }

                    @Override
                    public void heal() {
                        if (BROKER_PAUSE.compareTo(alreadyPaused) > 0) {
                            Jvm.sleep(BROKER_PAUSE.minus(alreadyPaused));
                        }
                        broker.process().resume();
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(5)
    void terminatedDatabaseConnectionsAreReplacedWithoutLoss() throws Exception {
        ScenarioReport report = run.underLoad("pg-terminate-backend",
                "pg_terminate_backend on every connection of all four services' databases under load",
                new FaultRun.Fault() {
                    @Override
                    public void inject() throws Exception {
                        for (Service service : Service.values()) {
                            try (Connection connection = stack.superuser(service);
                                 Statement sql = connection.createStatement();
                                 ResultSet killed = sql.executeQuery("""
                                         SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                         WHERE datname = current_database() AND pid <> pg_backend_pid()""")) {
                                killed.next();
                            }
                        }
                    }

                    @Override
                    public void heal() {
                        // Hikari replaces the dead connections; nothing to restart.
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(6)
    void replayingAConsumerGroupFromTheStartHasNoNewEffects() throws Exception {
        ServiceNode payment = stack.service(Service.PAYMENT);
        String group = ServiceNode.module(Service.PAYMENT);
        ScenarioReport report = run.underLoad("duplicate-delivery-payment",
                "payment-service stopped, its consumer group reset to the earliest offsets (every event it ever"
                        + " consumed is delivered again), restarted",
                new FaultRun.Fault() {
                    @Override
                    public void inject() throws Exception {
                        payment.process().stop();
                        resetToEarliest(group);
                    }

                    @Override
                    public void heal() {
                        payment.start();
                        payment.awaitReady(FaultStack.READY_TIMEOUT);
                    }

                    @Override
                    public Service restarted() {
                        return Service.PAYMENT;
                    }
                });
        assertPassed(report);
        assertThat(report.duplicatesDeduplicated()).as("events the inbox deduplicated").isPositive();
    }

    @Test
    @Order(7)
    void poisonRecordsOnEveryInputTopicEachLandOnceInTheirDeadLetterTopic() throws Exception {
        Map<String, Set<String>> inputs = inputTopics();
        Set<String> topics = new LinkedHashSet<>();
        inputs.values().forEach(topics::addAll);
        Map<String, Long> expected = new LinkedHashMap<>();
        inputs.forEach((service, own) -> expected.put(service, 2L * deadLetterTopics(service)));
        ScenarioReport report = run.underLoad("poison-records",
                "two poison records (not JSON; JSON that is no event) on each of " + topics + ", amid valid traffic",
                new FaultRun.Fault() {
                    @Override
                    public void inject() {
                        try (KafkaTestClient kafka = new KafkaTestClient(stack.broker().bootstrapServers())) {
                            for (String topic : topics) {
                                kafka.sendRaw(topic, "poison-" + UUID.randomUUID(),
                                        "{not json".getBytes(StandardCharsets.UTF_8),
                                        Map.of(EventHeaders.EVENT_TYPE, "OrderPlaced"));
                                kafka.sendRaw(topic, "poison-" + UUID.randomUUID(),
                                        "{\"eventId\":\"not-a-uuid\",\"data\":42}".getBytes(StandardCharsets.UTF_8),
                                        Map.of(EventHeaders.EVENT_TYPE, "OrderPlaced"));
                            }
                        }
                    }

                    @Override
                    public void heal() {
                        // nothing to heal: valid traffic must simply flow past the poison
                    }

                    @Override
                    public Map<String, Long> expectedDeadLetters() {
                        return expected;
                    }
                });
        assertPassed(report);
        assertThat(report.deadLettersFound()).as("dead letters").isNotEmpty();
    }

    @Test
    @Order(8)
    void fiftyConcurrentOrdersForTheLastUnitCompleteExactlyOne() throws Exception {
        ScenarioReport report = run.lastItemInStock(50);
        assertPassed(report);
        assertThat(report.completed()).as("orders completed for the one unit in stock").isEqualTo(1);
        assertThat(report.cancelled()).as("orders cancelled").isEqualTo(report.accepted() - 1L);
    }

    private static void assertPassed(ScenarioReport report) {
        assertThat(report.passed()).as("scenario %s:%n%s", report.scenario(), report.toJson()).isTrue();
    }

    /**
     * Each service's input topics, read from the dead-letter topics it declares ({@code <topic>.<group>.dlt}; a
     * service may consume in more than one group, e.g. order-service's views).
     */
    private Map<String, Set<String>> inputTopics() {
        Map<String, Set<String>> inputs = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            Set<String> own = new LinkedHashSet<>();
            stack.client().deadLetters(service, "ALL", null).path("topics").forEach(dlt -> {
                String withGroup = dlt.asString().substring(0, dlt.asString().length() - ".dlt".length());
                own.add(withGroup.substring(0, withGroup.lastIndexOf('.')));
            });
            inputs.put(ServiceNode.module(service), own);
        }
        return inputs;
    }

    /** Every poison record lands once in each dead-letter topic of its source topic: one per consuming group. */
    private long deadLetterTopics(String module) {
        Service service = Service.valueOf(module.substring(0, module.indexOf('-')).toUpperCase(java.util.Locale.ROOT));
        return stack.client().deadLetters(service, "ALL", null).path("topics").size();
    }

    /** Moves every committed offset of {@code group} back to the start of its partition, once the group is empty. */
    private void resetToEarliest(String group) throws Exception {
        try (Admin admin = stack.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            committed.keySet().forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> reset = new LinkedHashMap<>();
            admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> reset.put(partition, new OffsetAndMetadata(info.offset())));
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    // Refused while the stopped instance is still a member of the group.
                    admin.alterConsumerGroupOffsets(group, reset).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Jvm.sleep(Duration.ofMillis(500));
                }
            }
        }
    }
}
