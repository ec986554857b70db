package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.sagaclient.SagaClient.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite on a replicated cluster: three KRaft nodes set up as docker-compose.cluster.yml sets up its
 * containers (every topic replicated 3 times, {@code min.insync.replicas=2}, producers with {@code acks=all}), the
 * four services, and payment-service twice in one consumer group. Under steady load, brokers are killed with
 * {@code kill -9}: the leader of a saga partition, one of its followers, then two nodes at once, which leaves fewer
 * in-sync replicas than a write needs. After each heal, every order placed must end and every invariant of DESIGN
 * section 4 must hold, as in {@link FaultInjectionIT}; reports go to {@code target/fault-reports/cluster-*.json}.
 *
 * <p>Tagged {@code cluster}, left out of a plain {@code verify}: {@code -Pcluster} runs it (docs/testing.md).
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClusterIT {

    private static final int RATE = Integer.getInteger("cluster.rate", 5);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("cluster.seconds", 15));
    private static final Path REPORTS = Path.of("target", "fault-reports");
    /** The partition whose replicas the scenarios pick: every order's first event goes to order.events. */
    private static final TopicPartition WATCHED = new TopicPartition(Topics.ORDER_EVENTS, 0);
    /** Longer than the controller takes to notice a dead node (broker.session.timeout.ms, 9 s by default). */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofMinutes(3);

    private FaultStack stack;
    private KafkaCluster kafka;
    private FaultRun run;
    private OutboxAudit outbox;

    @BeforeAll
    void startCluster() throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        List<Path> missing = FaultStack.missingJars(repoRoot);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "Cluster scenarios skipped: the service jars are not built "
                + missing + "; run './mvnw -B -ntp package -DskipTests' (a reactor verify builds them first).");
        stack = FaultStack.start(Files.createTempDirectory("ordersaga-cluster-"), repoRoot, Map.of(),
                KafkaCluster::likeTheClusterOverlay);
        kafka = stack.kafka();
        ServiceNode secondPayment = stack.anotherInstance(Service.PAYMENT, "payment-service-2", List.of());
        secondPayment.start();
        secondPayment.awaitReady(FaultStack.READY_TIMEOUT);
        run = new FaultRun(stack, RATE, LOAD, REPORTS);
        outbox = OutboxAudit.install(stack);
    }

    /** Every node, both payment-service instances and every service run, and every replica is in sync. */
    @BeforeEach
    void everythingRuns() {
        kafka.start();
        for (ServiceNode node : stack.allInstances()) {
            if (!node.process().isAlive()) {
                node.start();
            }
        }
        stack.allInstances().parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
        try (Admin admin = stack.admin()) {
            assertThat(KafkaCluster.awaitInSync(admin, IN_SYNC_TIMEOUT)).as("replicas in sync before the scenario")
                    .isNotNegative();
        }
    }

    @AfterAll
    void stopCluster() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(0)
    void theServicesDeclaredTheirTopicsReplicatedThreeTimesWithTwoInSyncReplicasRequired() throws Exception {
        try (Admin admin = stack.admin()) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
            for (String topic : Topics.SAGA_TOPICS) {
                assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                        .partitions()).as(topic).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("min.insync.replicas").value()).as(topic).isEqualTo("2");
            }
        }
    }

    @Test
    @Order(1)
    void theLeaderOfASagaPartitionKilledMidLoadLosesNothingAndChargesNothingTwice() throws Exception {
        ScenarioReport report = run.underLoad("cluster-leader-kill9",
                "kill -9 of the node leading " + WATCHED + " under load; it stays down until another node leads"
                        + " the partition and writes are acknowledged without it, then restarts",
                new OutageOfNodes() {
                    private int newLeader = -1;

                    @Override
                    List<KafkaBroker> victims(TopicPartitionInfo partition) {
                        return List.of(kafka.node(partition.leader().id()));
                    }

                    @Override
                    void whileDown() throws Exception {
                        newLeader = awaitPartition(p -> p.leader() != null && p.leader().id() != killedIds().get(0)
                                ? p.leader().id() : null, "failoverMillis");
                        awaitAcknowledgedWhileDown();
                    }

                    @Override
                    Map<String, Boolean> scenarioChecks() {
                        return Map.of("another node took the lead of " + WATCHED + " while its leader was down",
                                newLeader > 0);
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(2)
    void aFollowerKilledMidLoadLosesNothingAndWritesGoOnWithTwoReplicas() throws Exception {
        ScenarioReport report = run.underLoad("cluster-follower-kill9",
                "kill -9 of a node following " + WATCHED + " under load; it stays down until the partition's"
                        + " in-sync replicas are the other two and writes are acknowledged without it, then restarts",
                new OutageOfNodes() {
                    private int leaderBefore;
                    private boolean leaderKept;
                    private boolean isrShrank;

                    @Override
                    List<KafkaBroker> victims(TopicPartitionInfo partition) throws Exception {
                        leaderBefore = partition.leader().id();
                        int controller = controllerId();
                        // A follower that is not also the active controller, where there is one: only its follower
                        // role is under test.
                        return List.of(partition.replicas().stream().map(Node::id).filter(id -> id != leaderBefore)
                                .sorted((a, b) -> Boolean.compare(a == controller, b == controller))
                                .map(kafka::node).findFirst().orElseThrow());
                    }

                    @Override
                    void whileDown() throws Exception {
                        int follower = killedIds().get(0);
                        isrShrank = awaitPartition(p -> p.isr().stream().noneMatch(n -> n.id() == follower)
                                ? Boolean.TRUE : null, "isrShrankMillis") != null;
                        awaitAcknowledgedWhileDown();
                        leaderKept = KafkaCluster.describe(admin, WATCHED).leader().id() == leaderBefore;
                    }

                    @Override
                    Map<String, Boolean> scenarioChecks() {
                        return Map.of("the follower left the in-sync replicas of " + WATCHED, isrShrank,
                                "the partition kept its leader", leaderKept);
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(3)
    void twoNodesDownRefuseEveryWriteMarkNothingSentAndTheOutboxDrainsAfterTheHeal() throws Exception {
        ScenarioReport report = run.underLoad("cluster-isr-quorum-lost",
                "kill -9 of both followers of " + WATCHED + " under load: one node of three is left, fewer in-sync"
                        + " replicas than min.insync.replicas = 2 (and no controller quorum); they stay down until"
                        + " the services' producers have given up on their records (delivery.timeout.ms = "
                        + FaultStack.DELIVERY_TIMEOUT.toMillis() + "), then restart",
                new OutageOfNodes() {
                    private long unacknowledged;
                    private long backlog;
                    private String probeTopic;
                    private KafkaTestClient probe;
                    private CompletableFuture<Void> probeWrite;
                    private boolean probeRefused;
                    private boolean probeAcknowledgedAfterRestart;

                    /**
                     * Both followers of the watched partition. Its leader, the node left, also leads a probe topic (one
                     * partition, which nobody consumes), written to once now with all three up.
                     */
                    @Override
                    List<KafkaBroker> victims(TopicPartitionInfo partition) throws Exception {
                        int survivor = partition.leader().id();
                        List<Integer> followers = partition.replicas().stream().map(Node::id)
                                .filter(id -> id != survivor).toList();
                        List<Integer> replicas = new java.util.ArrayList<>(List.of(survivor));
                        replicas.addAll(followers);
                        probeTopic = "cluster-probe-" + java.util.UUID.randomUUID();
                        admin.createTopics(List.of(new NewTopic(probeTopic, Map.of(0, replicas)))).all()
                                .get(10, TimeUnit.SECONDS);
                        probe = new KafkaTestClient(kafka.bootstrapServers());
                        probe.sendRaw(probeTopic, "all-up", new byte[0], Map.of());
                        return followers.stream().map(kafka::node).toList();
                    }

                    /**
                     * As with the single broker down: a row written after the kills can never be acknowledged, so
                     * none may leave its outbox until the nodes are back, however long the producers retry.
                     */
                    @Override
                    void whileDown() {
                        probeWrite = CompletableFuture.runAsync(
                                () -> probe.sendRaw(probeTopic, "two-down", new byte[0], Map.of()));
                        Instant quietFrom = killedAt.plus(FaultStack.DELIVERY_TIMEOUT).plusSeconds(2);
                        Instant quietTo = quietFrom.plusSeconds(3);
                        while (Instant.now().isBefore(quietTo)
                                || (unacknowledged() == 0 && Instant.now().isBefore(quietFrom.plusSeconds(60)))) {
                            Jvm.sleep(Duration.ofMillis(200));
                        }
                        unacknowledged = unacknowledged();
                        backlog = stack.unsentOutboxRows();
                        probeRefused = !probeWrite.isDone() || probeWrite.isCompletedExceptionally();
                        facts.put("unacknowledgedSends", unacknowledged);
                        facts.put("backlogAtRestart", backlog);
                        facts.put("probeWriteUnacknowledgedMillis", Duration.between(killedAt, Instant.now()).toMillis());
                    }

                    /** The probe's write, held by its leader while it could not be replicated, goes through now. */
                    @Override
                    void afterRestart() {
                        try (KafkaTestClient client = probe) {
                            probeWrite.get(60, TimeUnit.SECONDS);
                            probeAcknowledgedAfterRestart = true;
                        } catch (Exception e) {
                            facts.put("probeAfterRestart", e.toString());
                        }
                    }

                    @Override
                    boolean acknowledgedWhileDownExpected() {
                        return false;
                    }

                    @Override
                    Map<String, Boolean> scenarioChecks() {
                        return Map.of("the producers' delivery timeout expired while two nodes were down",
                                unacknowledged > 0,
                                "an outbox backlog built up (and drained: recovered)", backlog > 0,
                                "a write (acks=all) to a partition whose leader was up and whose two followers were"
                                        + " down was not acknowledged while they were down", probeRefused,
                                "that write was acknowledged once they were back", probeAcknowledgedAfterRestart);
                    }
                });
        assertPassed(report);
    }

    /**
     * A fault that kills some nodes (chosen from {@link #WATCHED}'s replicas when it strikes), keeps them down while
     * {@link #whileDown} watches the rest, then starts them again on their logs and waits for every replica to be in
     * sync. The {@link OutboxAudit} tells how many outbox rows written after the kill were acknowledged before the
     * restart.
     */
    private abstract class OutageOfNodes implements FaultRun.Fault {
        final Map<String, Object> facts = new LinkedHashMap<>();
        final Map<ServiceNode, Long> marks = new HashMap<>();
        Admin admin;
        Instant killedAt;
        private List<KafkaBroker> killed = List.of();
        private long acknowledgedWhileDown = -1;
        private long inSyncMillis = -1;

        /** The nodes to kill, given the watched partition as it is just before. */
        abstract List<KafkaBroker> victims(TopicPartitionInfo partition) throws Exception;

        /** Returns when the nodes have been down long enough to show what the scenario is about. */
        abstract void whileDown() throws Exception;

        /** Runs once the killed nodes are back and every replica is in sync. */
        void afterRestart() {
        }

        /** What this scenario shows besides what every outage must. */
        abstract Map<String, Boolean> scenarioChecks();

        /** Whether the remaining nodes should acknowledge writes while the killed ones are down. */
        boolean acknowledgedWhileDownExpected() {
            return true;
        }

        @Override
        public void inject() throws Exception {
            admin = stack.admin();
            TopicPartitionInfo partition = KafkaCluster.describe(admin, WATCHED);
            killed = victims(partition);
            facts.put("partitionBefore", describe(partition));
            facts.put("controllerBefore", controllerId());
            facts.put("killedNodes", killedIds());
            stack.allInstances().forEach(node -> marks.put(node, node.process().logMark()));
            killed.forEach(KafkaBroker::kill);
            killedAt = Instant.now();
        }

        @Override
        public void heal() throws Exception {
            try {
                whileDown();
                Instant restartAt = Instant.now();
                acknowledgedWhileDown = outbox.acknowledged(killedAt, restartAt);
                facts.put("rowsWrittenWhileDownStillUnsent", stack.outboxRowsWrittenSince(killedAt).values().stream()
                        .mapToLong(List::size).sum());
                facts.put("rowsWrittenWhileDownAcknowledged", acknowledgedWhileDown);
                facts.put("downMillis", Duration.between(killedAt, restartAt).toMillis());
                kafka.start();
                inSyncMillis = KafkaCluster.awaitInSync(admin, IN_SYNC_TIMEOUT);
                facts.put("inSyncAgainMillis", inSyncMillis);
                facts.put("partitionAfter", describe(KafkaCluster.describe(admin, WATCHED)));
                afterRestart();
            } finally {
                admin.close();
            }
        }

        @Override
        public final Map<String, Boolean> checks() {
            Map<String, Boolean> checks = new java.util.TreeMap<>(scenarioChecks());
            if (acknowledgedWhileDownExpected()) {
                checks.put("outbox rows written while one node was down were acknowledged by the other two"
                        + " (acks=all, min.insync.replicas=2)", acknowledgedWhileDown > 0);
            } else {
                checks.put("outbox rows were written while the nodes were down, and none left its outbox before the"
                        + " restart", (long) facts.getOrDefault("rowsWrittenWhileDownStillUnsent", 0L) > 0
                        && acknowledgedWhileDown == 0);
            }
            checks.put("every replica of every partition was in sync again after the restart", inSyncMillis >= 0);
            checks.put("both payment-service instances consumed as one group", paymentInstancesInGroup() == 2);
            return checks;
        }

        @Override
        public Map<String, Object> facts() {
            return facts;
        }

        List<Integer> killedIds() {
            return killed.stream().map(KafkaBroker::nodeId).toList();
        }

        /**
         * Polls the watched partition until {@code state} finds what it waits for (not null), records how long
         * after the kill that was under {@code fact}, and returns it (null if it never came).
         */
        <T> T awaitPartition(java.util.function.Function<TopicPartitionInfo, T> state, String fact) throws Exception {
            Instant deadline = killedAt.plus(FAILOVER_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                T found;
                try {
                    found = state.apply(KafkaCluster.describe(admin, WATCHED));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    found = null; // no controller answers yet: ask again
                }
                if (found != null) {
                    facts.put(fact, Duration.between(killedAt, Instant.now()).toMillis());
                    return found;
                }
                Jvm.sleep(Duration.ofMillis(200));
            }
            return null;
        }

        /** Waits (until the failover timeout) for a row written after the kill to be acknowledged. */
        void awaitAcknowledgedWhileDown() {
            Instant deadline = killedAt.plus(FAILOVER_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (outbox.acknowledged(killedAt, Instant.now()) > 0) {
                    facts.put("firstAcknowledgedWhileDownMillis", Duration.between(killedAt, Instant.now()).toMillis());
                    return;
                }
                Jvm.sleep(Duration.ofMillis(200));
            }
        }

        /** The relay's "Broker did not acknowledge" warnings since the kill, over every service instance. */
        long unacknowledged() {
            return marks.entrySet().stream().mapToLong(mark -> mark.getKey().process()
                    .countSince(mark.getValue(), "Broker did not acknowledge")).sum();
        }

        int controllerId() throws Exception {
            Node controller = admin.describeCluster().controller().get(10, TimeUnit.SECONDS);
            return controller == null ? -1 : controller.id();
        }
    }

    private static String describe(TopicPartitionInfo partition) {
        return "leader " + (partition.leader() == null ? "none" : partition.leader().id()) + ", replicas "
                + partition.replicas().stream().map(Node::id).toList() + ", in sync "
                + partition.isr().stream().map(Node::id).toList();
    }

    /** Members of payment-service's group that hold at least one partition. */
    private long paymentInstancesInGroup() {
        String group = ServiceNode.module(Service.PAYMENT);
        try (Admin admin = stack.admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.members().stream()
                    .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void assertPassed(ScenarioReport report) {
        assertThat(report.passed()).as("scenario %s:%n%s", report.scenario(), report.toJson()).isTrue();
    }
}
