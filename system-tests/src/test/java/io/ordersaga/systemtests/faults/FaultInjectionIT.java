package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.TestMutations;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.sagaclient.SagaClient.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault suite, its first half: the services crash, halt at exact crash points, are replayed, get poison, fill the
 * saga backlog, and the mutation runs break the inbox and the relay ({@link BrokerAndDatabaseFaultsIT} is the other
 * half, on a stack of its own;
 * what both share is in {@link FaultSuite}). The four services, the broker and PostgreSQL run as separate
 * processes, orders are placed at a steady rate while one thing at a time goes wrong; after each fault heals, every
 * order must be terminal and every invariant of DESIGN section 4 must hold. Each scenario writes its report to
 * {@code target/fault-reports/}.
 *
 * <p>Besides the invariants, every scenario counts the effects of its orders from the events on the wire and holds
 * them against each service's books ({@link EffectAudit}), and counts handler errors and unexpected dead letters.
 * The mutation runs (tag {@code mutation}, last) break the inbox or the relay on purpose
 * ({@link TestMutations}) and assert that their scenario then fails, on the check that should catch it.
 *
 * <p>The short version (5 orders/s for 6 s a scenario) runs in every {@code verify}; {@code -Pfaults-long} runs
 * 20 orders/s for 30 s with each service killed on its own.
 *
 * <p>One stack serves every scenario, in order. The crash-point scenario comes first because the stack starts with
 * its crash points armed, which saves three service restarts; any other scenario run first disarms them.
 */
class FaultInjectionIT extends FaultSuite {

    /** Long version only: kill each service in its own scenario (the short version kills all four at once). */
    private static final boolean EACH_SERVICE = Boolean.getBoolean("faults.eachService");
    /**
     * Each point is reached from the first order on: shipping handles its OrderPlaced and halts before the offset
     * commit, inventory sends its InventoryReserved and halts before marking the row sent, payment commits its reply
     * to that InventoryReserved and halts before sending it. order-service keeps taking orders throughout.
     */
    private static final Map<Service, String> CRASH_POINTS = Map.of(
            Service.SHIPPING, CrashPoints.INBOX_AFTER_COMMIT,
            Service.INVENTORY, CrashPoints.RELAY_AFTER_SEND,
            Service.PAYMENT, CrashPoints.RELAY_BEFORE_SEND);
    private static final Duration CRASH_TIMEOUT = Duration.ofSeconds(240);
    /** The bound on sagas in flight in the backlog scenario: small enough for the short load to fill. */
    private static final int BACKLOG_LIMIT = 5;

    @Override
    Map<Service, Map<String, String>> armedAtStart() {
        Map<Service, Map<String, String>> hooks = new java.util.EnumMap<>(Service.class);
        CRASH_POINTS.forEach((service, point) -> hooks.put(service, Map.of(CRASH_AT, point)));
        return hooks;
    }

    /** Only the crash-point scenario runs with crash points armed; a mutation run restarts payment-service itself. */
    @Override
    boolean keepsArmed(org.junit.jupiter.api.TestInfo test, ServiceNode node) {
        boolean crashPoints = test.getTestMethod().map(m -> m.getName().startsWith("crashesAt")).orElse(false);
        boolean mutation = test.getTags().contains("mutation");
        return crashPoints || mutation && node.service() == Service.PAYMENT;
    }

    @Test
    @Order(2)
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

    @Order(3)
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
    @Order(1)
    void crashesAtTheExactPointsBetweenCommitAndSendAndBetweenEffectAndOffsetLoseNothing() throws Exception {
        Map<String, Integer> exitStatus = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Boolean> reached = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Service, Long> marks = new java.util.EnumMap<>(Service.class);
        ScenarioReport report = run.underLoad("crash-points",
                "shipping-service halts after a handler's commit before the offset commit, inventory-service (on the"
                        + " logical relay) after the broker's ack before its slot's confirmed position moves,"
                        + " payment-service (table relay) after its outbox"
                        + " commit before the send; each is restarted once it has halted",
                new FaultRun.Fault() {
                    @Override
                    public void prepare() {
                        // Armed when the stack started; armed again only if another scenario ran first.
                        List<ServiceNode> rearmed = new java.util.ArrayList<>();
                        CRASH_POINTS.forEach((service, point) -> {
                            ServiceNode node = stack.service(service);
                            if (!point.equals(node.armed().get(CRASH_AT)) || !node.process().isAlive()) {
                                node.process().stop();
                                node.start(Map.of(CRASH_AT, point));
                                rearmed.add(node);
                            }
                            marks.put(service, node.process().logMark());
                        });
                        rearmed.parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
                    }

                    @Override
                    public void inject() {
                        // the load itself drives each armed service into its crash point
                    }

                    /** Restarts each service as soon as it has halted; waits for all three, then for them to be ready. */
                    @Override
                    public void heal() {
                        Instant deadline = Instant.now().plus(CRASH_TIMEOUT);
                        Set<Service> waiting = new LinkedHashSet<>(CRASH_POINTS.keySet());
                        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
                            for (Service service : List.copyOf(waiting)) {
                                ServiceNode node = stack.service(service);
                                node.process().exitStatus().ifPresent(status -> {
                                    exitStatus.put(ServiceNode.module(service), status);
                                    reached.put(ServiceNode.module(service), node.process().countSince(
                                            marks.get(service), CRASH_AT + "=" + CRASH_POINTS.get(service)
                                                    + " reached") > 0);
                                    node.start();
                                    waiting.remove(service);
                                });
                            }
                            Jvm.sleep(Duration.ofMillis(100));
                        }
                        for (Service service : waiting) { // never reached its point: disarm, so the rest can heal
                            stack.service(service).process().stop();
                            stack.service(service).start();
                        }
                        CRASH_POINTS.keySet().parallelStream()
                                .forEach(service -> stack.service(service).awaitReady(FaultStack.READY_TIMEOUT));
                    }

                    @Override
                    public Service restarted() {
                        return Service.PAYMENT;
                    }

                    @Override
                    public boolean redelivers() {
                        return true; // inventory's acknowledged rows go again, shipping's handled event comes again
                    }

                    @Override
                    public Service resends() {
                        return Service.INVENTORY;
                    }

                    @Override
                    public Map<String, Boolean> checks() {
                        Map<String, Boolean> checks = new LinkedHashMap<>();
                        CRASH_POINTS.forEach((service, point) -> checks.put(ServiceNode.module(service) + " halted at "
                                + point + " with status 137", Integer.valueOf(137)
                                .equals(exitStatus.get(ServiceNode.module(service)))
                                && reached.getOrDefault(ServiceNode.module(service), false)));
                        return checks;
                    }

                    @Override
                    public Map<String, Object> facts() {
                        return Map.of("exitStatus", Map.copyOf(exitStatus));
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(4)
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

                    @Override
                    public boolean redelivers() {
                        return true;
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(5)
    void poisonRecordsOnEveryInputTopicEachLandOnceInTheirDeadLetterTopic() throws Exception {
        // Every dead-letter topic of every service, by the topic it takes dead letters from.
        Map<String, List<String>> deadLetterTopics = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            stack.client().deadLetters(service, "ALL", null).path("topics").forEach(node -> {
                String dlt = node.asString();
                String withGroup = dlt.substring(0, dlt.length() - ".dlt".length());
                deadLetterTopics.computeIfAbsent(withGroup.substring(0, withGroup.lastIndexOf('.')),
                        topic -> new java.util.ArrayList<>()).add(dlt);
                owner.put(dlt, ServiceNode.module(service));
            });
        }
        // The quote requests are an input too; their request/reply container drops poison without a dead letter.
        Set<String> topics = new LinkedHashSet<>(deadLetterTopics.keySet());
        topics.add(io.ordersaga.events.Topics.QUOTE_REQUESTS);
        Map<String, String> poison = new LinkedHashMap<>(); // key -> topic
        Instant injectedAt = Instant.now();
        ScenarioReport report = run.underLoad("poison-records",
                "two poison records (not JSON; JSON that is no event) on each of " + topics + ", amid valid traffic",
                new FaultRun.Fault() {
                    private Map<String, Long> perDeadLetterTopic = Map.of();
                    private long valid;

                    @Override
                    public void inject() {
                        try (KafkaTestClient kafka = new KafkaTestClient(stack.broker().bootstrapServers())) {
                            for (String topic : topics) {
                                String notJson = "poison-" + UUID.randomUUID();
                                String noEvent = "poison-" + UUID.randomUUID();
                                // Poison for every consumer of the topic: a consumer skips a record of a known
                                // event type it does not handle without reading it (issue 20), so these carry no
                                // eventType header, or a type no consumer knows.
                                kafka.sendRaw(topic, notJson, "{not json".getBytes(StandardCharsets.UTF_8), Map.of());
                                kafka.sendRaw(topic, noEvent,
                                        "{\"eventId\":\"not-a-uuid\",\"data\":42}".getBytes(StandardCharsets.UTF_8),
                                        Map.of(EventHeaders.EVENT_TYPE, "NoSuchEvent"));
                                poison.put(notJson, topic);
                                poison.put(noEvent, topic);
                            }
                        }
                    }

                    @Override
                    public void heal() {
                        // nothing to heal: valid traffic must simply flow past the poison
                    }

                    @Override
                    public boolean expectsHandlerErrors() {
                        return true; // each poison record fails its batch and is dead-lettered
                    }

                    /** One dead letter per poison record and dead-letter topic of its source topic. */
                    @Override
                    public Map<String, Long> expectedDeadLetters() {
                        Map<String, Long> expected = new LinkedHashMap<>();
                        poison.values().forEach(topic -> deadLetterTopics.getOrDefault(topic, List.of())
                                .forEach(dlt -> expected.merge(owner.get(dlt), 1L, Long::sum)));
                        return expected;
                    }

                    /** The dead letters of the poison records only, per service; also remembers the rest. */
                    @Override
                    public Map<String, Long> foundDeadLetters(Map<String, Long> addedDuringScenario) {
                        Map<String, Long> found = new LinkedHashMap<>();
                        Map<String, Long> perTopic = new LinkedHashMap<>();
                        long others = 0;
                        for (Service service : Service.values()) {
                            for (var deadLetter : stack.client().deadLetters(service, "ALL", null).path("deadLetters")) {
                                String key = deadLetter.path("key").asString();
                                if (poison.containsKey(key)) {
                                    found.merge(ServiceNode.module(service), 1L, Long::sum);
                                    perTopic.merge(key + " in " + deadLetter.path("topic").asString(), 1L, Long::sum);
                                } else if (Instant.parse(deadLetter.path("deadLetteredAt").asString())
                                        .isAfter(injectedAt)) {
                                    others++;
                                }
                            }
                        }
                        perDeadLetterTopic = perTopic;
                        valid = others;
                        return found;
                    }

                    @Override
                    public Map<String, Boolean> checks() {
                        Map<String, Long> expected = new LinkedHashMap<>();
                        poison.forEach((key, topic) -> deadLetterTopics.getOrDefault(topic, List.of())
                                .forEach(dlt -> expected.put(key + " in " + dlt, 1L)));
                        return Map.of(
                                "each poison record is in each dead-letter topic of its source topic exactly once",
                                perDeadLetterTopic.equals(expected),
                                "no valid record was dead-lettered", valid == 0);
                    }

                    @Override
                    public Map<String, Object> facts() {
                        return Map.of("poisonRecords", poison.size(), "deadLetterTopics", deadLetterTopics);
                    }
                });
        assertPassed(report);
        assertThat(report.deadLettersFound()).as("dead letters").isNotEmpty();
    }

    /**
     * Load shedding under an outage: with payment-service frozen, orders pile up at INVENTORY_RESERVED until
     * order-service's bound on sagas in flight is reached; new orders are then refused with 503 (and counted in
     * {@code ordersaga_orders_refused_total}); once payment-service runs again the backlog drains, every accepted
     * order ends, and a new order is accepted again. The bound is lowered to {@value #BACKLOG_LIMIT} so that the
     * short load fills it; the next scenario's set-up starts order-service without it.
     */
    @Test
    @Order(6)
    void aFullSagaBacklogRefusesNewOrdersWith503AndAcceptsThemAgainOnceItDrains() throws Exception {
        ServiceNode order = stack.service(Service.ORDER);
        ServiceNode payment = stack.service(Service.PAYMENT);
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            ScenarioReport report = run.underLoad("saga-backlog-full",
                    "payment-service frozen with kill -STOP while order-service allows " + BACKLOG_LIMIT
                            + " sagas in flight (ORDERSAGA_SAGA_MAX_IN_FLIGHT), then kill -CONT",
                    new FaultRun.Fault() {
                        @Override
                        public void prepare() {
                            order.process().stop();
                            order.start(Map.of("ORDERSAGA_SAGA_MAX_IN_FLIGHT", String.valueOf(BACKLOG_LIMIT)));
                            order.awaitReady(FaultStack.READY_TIMEOUT);
                        }

                        @Override
                        public void inject() {
                            payment.process().pause();
                        }

                        @Override
                        public void heal() {
                            payment.process().resume();
                        }

                        @Override
                        public Map<String, Boolean> checks() {
                            long refused = refusedOrders(order);
                            facts.put("refusedWith503", refused);
                            boolean acceptedAgain;
                            try {
                                stack.client().placeOrder("backlog-probe-" + UUID.randomUUID(),
                                        List.of(new io.ordersaga.sagaclient.SagaClient.Line("NO-SUCH-SKU", 1)), "DE");
                                acceptedAgain = true;
                            } catch (RuntimeException e) {
                                facts.put("probe", e.getMessage());
                                acceptedAgain = false;
                            }
                            Map<String, Boolean> checks = new LinkedHashMap<>();
                            checks.put("order-service refused new orders with 503 while the backlog was full"
                                    + " (ordersaga_orders_refused_total > 0)", refused > 0);
                            checks.put("once the backlog drained, a new order is accepted (201)", acceptedAgain);
                            return checks;
                        }

                        @Override
                        public Map<String, Object> facts() {
                            return facts;
                        }
                    });
            assertPassed(report);
            assertThat(report.placedFailed()).as("POSTs refused while payment-service was frozen").isPositive();
        } finally {
            payment.process().resume();
        }
    }

    /**
     * Mutation run: payment-service's inbox records events but no longer skips those it recorded before
     * ({@code ORDERSAGA_TEST_MUTATION=inbox-no-dedupe}), and its consumer group is rewound to where it stood when the
     * scenario began, so every event of the scenario reaches it twice. The scenario must FAIL. The schema cannot stop
     * this one (a decline writes no ledger row, and a charged order is refused by the account itself): the effects
     * counted on the wire must, where a payment decision appears twice for an order.
     */
    @Test
    @Order(20)
    @Tag("mutation")
    void withoutTheInboxsDedupeTheRedeliveryScenarioFailsOnEffectsCountedOnTheWire() throws Exception {
        ServiceNode payment = stack.service(Service.PAYMENT);
        String group = ServiceNode.module(Service.PAYMENT);
        Map<TopicPartition, OffsetAndMetadata> atStart = new LinkedHashMap<>();
        long[] mark = new long[1];
        ScenarioReport report = run.underLoadOnce("mutation-" + TestMutations.INBOX_NO_DEDUPE,
                "MUTATION RUN, must fail: payment-service stopped, its consumer group rewound to where it stood when"
                        + " the scenario began (every event of the scenario is delivered again), restarted with its"
                        + " inbox's dedupe off (" + TestMutations.VARIABLE + "=" + TestMutations.INBOX_NO_DEDUPE + ")",
                new FaultRun.Fault() {
                    @Override
                    public void prepare() throws Exception {
                        if (!payment.armed().isEmpty()) {
                            payment.process().stop();
                            payment.start();
                            payment.awaitReady(FaultStack.READY_TIMEOUT);
                        }
                        atStart.putAll(committedOffsets(group));
                        mark[0] = payment.process().logMark();
                    }

                    @Override
                    public void inject() throws Exception {
                        payment.process().stop();
                        rewind(group, atStart);
                    }

                    @Override
                    public void heal() {
                        payment.start(Map.of(TestMutations.VARIABLE, TestMutations.INBOX_NO_DEDUPE));
                        payment.awaitReady(FaultStack.READY_TIMEOUT);
                    }

                    @Override
                    public Service restarted() {
                        return Service.PAYMENT;
                    }

                    @Override
                    public boolean redelivers() {
                        return true;
                    }

                    @Override
                    public Map<String, Object> facts() {
                        return Map.of("mutation", TestMutations.INBOX_NO_DEDUPE, "mustFail", true);
                    }
                });
        assertCaught(report, TestMutations.INBOX_NO_DEDUPE, payment, mark[0], EffectAudit.PAYMENT_DECISION_ONCE);
    }

    /**
     * Mutation run: payment-service's relay deletes the rows it is about to send before it sends them
     * ({@code ORDERSAGA_TEST_MUTATION=relay-delete-before-ack}), and halts at {@code relay-before-send}, as in the
     * crash-point scenario: the rows it had are gone and were never sent. The scenario must FAIL, on the charges
     * committed in payment's ledger whose PaymentCompleted never reached the wire (and on the orders they leave
     * stuck).
     */
    @Test
    @Order(21)
    @Tag("mutation")
    void withTheRelayDeletingBeforeTheAckTheCrashPointScenarioFailsOnCommittedButUnpublishedEffects()
            throws Exception {
        relayMutationRun(Service.PAYMENT, "mutation-" + TestMutations.RELAY_DELETE_BEFORE_ACK,
                "payment-service's relay deletes its rows before the broker's ack", EffectAudit.PAYMENT_AGREES);
    }

    /**
     * The same mutation on inventory-service's logical relay ({@link FaultStack#LOGICAL_RELAY}): it confirms the
     * slot's position past the transactions it is about to send before it sends them, and halts at
     * {@code relay-before-send}: the slot never hands them out again. Must FAIL on inventory's reservation decisions
     * in its books that never reached the wire. Long version only ({@code -Pfaults-long}): no scenario is added to
     * the short suite.
     */
    @Test
    @Order(22)
    @Tag("mutation")
    void withTheLogicalRelayConfirmingBeforeTheAckTheCrashPointScenarioFailsOnCommittedButUnpublishedEffects()
            throws Exception {
        Assumptions.assumeTrue(EACH_SERVICE, "the logical relay's mutation run is in the long version (-Pfaults-long)");
        Assumptions.assumeTrue(FaultStack.LOGICAL_RELAY.contains(Service.INVENTORY),
                "inventory-service runs the table relay (-Dfaults.logicalRelay)");
        relayMutationRun(Service.INVENTORY, "mutation-" + TestMutations.RELAY_DELETE_BEFORE_ACK + "-logical",
                "inventory-service's logical relay confirms its slot's position before the broker's ack",
                EffectAudit.INVENTORY_AGREES);
    }

    private void relayMutationRun(Service service, String scenario, String what, String mustCatch)
            throws Exception {
        ServiceNode node = stack.service(service);
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("mutation", TestMutations.RELAY_DELETE_BEFORE_ACK,
                "mustFail", true));
        long[] mark = new long[1];
        ScenarioReport report = run.underLoadOnce(scenario,
                "MUTATION RUN, must fail: " + what + " ("
                        + TestMutations.VARIABLE + "=" + TestMutations.RELAY_DELETE_BEFORE_ACK + ") and halts at "
                        + CrashPoints.RELAY_BEFORE_SEND + "; restarted without either once it has halted",
                new FaultRun.Fault() {
                    @Override
                    public void prepare() {
                        node.process().stop();
                        mark[0] = node.process().logMark();
                        node.start(Map.of(TestMutations.VARIABLE, TestMutations.RELAY_DELETE_BEFORE_ACK,
                                CRASH_AT, CrashPoints.RELAY_BEFORE_SEND));
                        node.awaitReady(FaultStack.READY_TIMEOUT);
                    }

                    @Override
                    public void inject() {
                        // the load drives the service's relay into the mutation and the crash point
                    }

                    @Override
                    public void heal() {
                        Instant deadline = Instant.now().plus(CRASH_TIMEOUT);
                        while (node.process().isAlive() && Instant.now().isBefore(deadline)) {
                            Jvm.sleep(Duration.ofMillis(100));
                        }
                        node.process().exitStatus().ifPresent(status -> facts.put("exitStatus", status));
                        node.process().stop();
                        node.start();
                        node.awaitReady(FaultStack.READY_TIMEOUT);
                    }

                    @Override
                    public Service restarted() {
                        return service;
                    }

                    /** The lost events leave their orders stuck for good: no need to wait long for them. */
                    @Override
                    public Duration settleTimeout() {
                        return Duration.ofSeconds(15);
                    }

                    @Override
                    public Map<String, Object> facts() {
                        return facts;
                    }
                });
        assertThat(facts.get("exitStatus")).as("%s halted at its crash point", ServiceNode.module(service))
                .isEqualTo(137);
        assertCaught(report, TestMutations.RELAY_DELETE_BEFORE_ACK, node, mark[0], mustCatch);
    }

    /** A mutation run must have run with its mutation, and FAILED, caught (at least) by {@code check}. */
    private static void assertCaught(ScenarioReport report, String mutation, ServiceNode node, long mark,
                                     String check) {
        assertThat(node.process().countSince(mark, TestMutations.VARIABLE + "=" + mutation + " armed"))
                .as("%s ran with %s=%s", node.process().name(), TestMutations.VARIABLE, mutation).isPositive();
        assertThat(report.passed()).as("mutation run %s must FAIL:%n%s", report.scenario(), report.toJson())
                .isFalse();
        assertThat(report.failures()).as("the checks that caught mutation %s:%n%s", mutation, report.toJson())
                .contains(check);
    }

    /** order-service's {@code ordersaga_orders_refused_total} since it started, from its Prometheus endpoint. */
    private static long refusedOrders(ServiceNode order) {
        java.net.URI uri = java.net.URI.create("http://localhost:" + order.port() + "/actuator/prometheus");
        try {
            String metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(uri).header("Authorization",
                            "Bearer " + new io.ordersaga.systemtests.TestTokens().staff()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("ordersaga_orders_refused_total{"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Moves every committed offset of {@code group} back to the start of its partition, once the group is empty. */
    private void resetToEarliest(String group) throws Exception {
        io.ordersaga.systemtests.ConsumerGroups.resetToEarliest(stack.broker().bootstrapServers(), List.of(group),
                Duration.ofSeconds(60));
    }
}
