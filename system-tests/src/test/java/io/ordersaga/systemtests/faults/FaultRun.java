package io.ordersaga.systemtests.faults;

import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.sagaclient.SagaClient.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import tools.jackson.databind.JsonNode;

/**
 * Runs one scenario: steady load, the fault a third of the way in, the heal a third later, then settling, recovery
 * (every consumer group's lag 0 and every outbox empty) and the invariant checker on every order the load placed.
 */
final class FaultRun {

    /** A fault and how it heals; {@link #heal} may block until the healed part is ready again. */
    interface Fault {
        /** Runs before the load starts (e.g. to restart a service with a crash point armed). */
        default void prepare() throws Exception {
        }

        void inject() throws Exception;

        void heal() throws Exception;

        /** The service the heal restarts, whose time to its first record is measured; null for none. */
        default Service restarted() {
            return null;
        }

        /** Dead letters this fault must cause, per service. */
        default Map<String, Long> expectedDeadLetters() {
            return Map.of();
        }

        /** The dead letters it caused, per service; by default every dead letter added during the scenario. */
        default Map<String, Long> foundDeadLetters(Map<String, Long> addedDuringScenario) {
            return addedDuringScenario;
        }

        /** What the scenario proves besides the invariants, asked once the system has recovered: name to pass. */
        default Map<String, Boolean> checks() {
            return Map.of();
        }

        /** Whether the fault makes some events arrive twice, so the inbox must have deduplicated some. */
        default boolean redelivers() {
            return false;
        }

        /**
         * A service whose relay must have sent some events twice (it halted after the broker's ack, before deleting
         * its rows or confirming its slot), or null: checked on the wire, whichever relay it runs.
         */
        default Service resends() {
            return null;
        }

        /** What it measured along the way, for the report. */
        default Map<String, Object> facts() {
            return Map.of();
        }

        /**
         * Whether listeners may fail during this fault (the database cut away under them, poison records); if not,
         * a single failed delivery fails the scenario.
         */
        default boolean expectsHandlerErrors() {
            return false;
        }

        /** How long the orders get to end once the system has recovered (mutation runs, whose orders stay stuck). */
        default Duration settleTimeout() {
            return SETTLE_TIMEOUT;
        }
    }

    /**
     * What spring-kafka logs for each failed delivery: the error handler seeks back to retry it ("threw an
     * exception": it rethrows to the container), or gives up and dead-letters it ("Backoff ... exhausted").
     */
    static final List<String> HANDLER_ERRORS = List.of("Error handler threw an exception", "exhausted for");

    static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(6);
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

    private final FaultStack stack;
    private final SagaClient client;
    private final InvariantChecker checker;
    private final int rate;
    private final Duration load;
    private final Path reportDir;
    private final int repeats;

    FaultRun(FaultStack stack, int rate, Duration load, Path reportDir) {
        this(stack, rate, load, reportDir, 1);
    }

    /**
     * @param repeats how many times each scenario runs on the stack, one after the other ({@code faults.repeats});
     *                above 1, run {@code n} is reported as {@code <scenario>-run<n>} and the runs side by side in
     *                {@link RepeatSummary#FILE}
     */
    FaultRun(FaultStack stack, int rate, Duration load, Path reportDir, int repeats) {
        this.stack = stack;
        this.client = stack.client();
        this.checker = new InvariantChecker(client);
        this.rate = rate;
        this.load = load;
        this.reportDir = reportDir;
        this.repeats = repeats;
    }

    /**
     * Runs the scenario ({@link #repeats} times), publishes each run's report and returns the one that decides: the
     * first run that failed, or the last run when all passed.
     */
    ScenarioReport underLoad(String scenario, String description, Fault fault) throws Exception {
        return repeated(() -> measure(scenario, description, fault));
    }

    /** The same, run once whatever {@code faults.repeats} says: for the mutation runs, which must fail anyway. */
    ScenarioReport underLoadOnce(String scenario, String description, Fault fault) throws Exception {
        ScenarioReport report = measure(scenario, description, fault);
        report.publish(reportDir);
        return report;
    }

    private ScenarioReport repeated(java.util.concurrent.Callable<ScenarioReport> scenario) throws Exception {
        if (repeats <= 1) {
            ScenarioReport report = scenario.call();
            report.publish(reportDir);
            return report;
        }
        ScenarioReport decisive = null;
        for (int run = 1; run <= repeats; run++) {
            ScenarioReport report = scenario.call();
            report = report.named(report.scenario() + RepeatSummary.RUN + run);
            report.publish(reportDir);
            if (decisive == null || decisive.passed()) {
                decisive = report;
            }
        }
        RepeatSummary.write(reportDir);
        return decisive;
    }

    private ScenarioReport measure(String scenario, String description, Fault fault) throws Exception {
        Fixtures fixtures = new Fixtures(client, scenario, 1_000_000);
        Map<ServiceNode, Long> logMarks = new java.util.HashMap<>();
        stack.allInstances().forEach(node -> logMarks.put(node, node.process().logMark()));
        Map<String, Long> deadLettersBefore = deadLetters();

        fault.prepare();
        LoadDriver driver = new LoadDriver(client, fixtures);
        driver.start(rate, load);
        Jvm.sleep(load.dividedBy(3));
        fault.inject();
        Jvm.sleep(load.dividedBy(3));
        Instant healStart = Instant.now();
        RestartProbe probe = fault.restarted() == null ? null : new RestartProbe(fault.restarted());
        fault.heal();
        driver.awaitEnd();
        driver.resolveUnknowns(Duration.ofSeconds(60));

        long recoverMillis = awaitRecovery(healStart);
        Set<UUID> orders = driver.acceptedOrders();
        List<String> violations = checker.check(orders, fixtures.skus(), fixtures.customers(),
                fault.settleTimeout());
        Map<String, Long> statuses = statuses(orders);
        Map<String, Long> expected = fault.expectedDeadLetters();
        Map<String, Long> found = fault.foundDeadLetters(awaitDeadLetters(deadLettersBefore, expected, fault));
        long deduplicated = stack.allInstances().stream() // an instance started during the scenario counts from 0
                .mapToLong(node -> node.process().countSince(logMarks.getOrDefault(node, 0L), "Skipping duplicate"))
                .sum();
        Map<String, String> checks = new LinkedHashMap<>();
        fault.checks().forEach((name, ok) -> checks.put(name, ok ? "PASS" : "FAIL"));
        Map<String, Long> reasons = cancellationReasons(statuses);
        checks.put("no order was cancelled by the saga deadline (TIMED_OUT)",
                reasons.containsKey("TIMED_OUT") ? "FAIL" : "PASS");
        Map<String, Object> facts = new LinkedHashMap<>(fault.facts());
        facts.put("cancelledBecause", reasons);
        if (fault.redelivers()) {
            checks.put("events delivered again were deduplicated (count > 0)", deduplicated > 0 ? "PASS" : "FAIL");
        }
        checks.put("no unexpected dead letter (dead letters found = expected)",
                expected.equals(found) ? "PASS" : "FAIL");
        Map<String, Long> handlerErrors = handlerErrors(logMarks);
        facts.put("handlerErrors", handlerErrors);
        if (!fault.expectsHandlerErrors()) {
            checks.put("no listener delivery failed (no handler error logged by the error handler)",
                    handlerErrors.isEmpty() ? "PASS" : "FAIL");
        }
        long duplicateEffects = audit(orders, checks, facts);
        if (fault.resends() != null) {
            String topic = fault.resends().name().toLowerCase(java.util.Locale.ROOT) + ".events";
            Object byTopic = facts.get(EffectAudit.DUPLICATES_BY_TOPIC);
            long resent = byTopic instanceof Map<?, ?> counts && counts.get(topic) instanceof Long n ? n : 0;
            checks.put(ServiceNode.module(fault.resends()) + " (" + relay(fault.resends()) + " relay) sent again"
                    + " what the broker had acknowledged before its halt (" + topic + " duplicates on the wire > 0)",
                    resent > 0 ? "PASS" : "FAIL");
        }
        ServiceNode restarted = fault.restarted() == null ? null : stack.service(fault.restarted());
        long firstRecord = probe == null ? -1 : probe.firstRecordAt();
        long startToReady = restarted == null || restarted.readyAt() == null ? -1
                : Duration.between(restarted.startedAt(), restarted.readyAt()).toMillis();
        long readyToFirst = firstRecord < 0 || startToReady < 0 ? -1
                : Math.max(0, firstRecord - restarted.readyAt().toEpochMilli());
        long startToFirst = firstRecord < 0 || restarted == null ? -1
                : firstRecord - restarted.startedAt().toEpochMilli();

        return new ScenarioReport(scenario, description, rate, (int) load.toSeconds(),
                driver.ok(), driver.failed(), driver.unknown(), orders.size(),
                statuses.getOrDefault("COMPLETED", 0L), statuses.getOrDefault("CANCELLED", 0L),
                orders.size() - statuses.getOrDefault("COMPLETED", 0L) - statuses.getOrDefault("CANCELLED", 0L),
                recoverMillis, startToReady, readyToFirst, startToFirst,
                deduplicated, duplicateEffects, expected, found, invariants(violations, duplicateEffects), checks,
                facts, violations);
    }

    /**
     * {@code orders} customers order the last unit of a product at the same moment: exactly one order may complete,
     * every other is cancelled as out of stock, and stock and accounts stay balanced.
     */
    ScenarioReport lastItemInStock(int orders) throws Exception {
        return repeated(() -> measureLastItemInStock(orders));
    }

    private ScenarioReport measureLastItemInStock(int orders) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String sku = ("LAST-ITEM-" + id).toUpperCase(java.util.Locale.ROOT);
        client.createProduct(sku, "The last one", new java.math.BigDecimal("25.00"), 1);
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String customer = "last-item-" + id + "-" + i;
            client.createAccount(customer, new java.math.BigDecimal("100.00"));
            customers.add(customer);
        }
        Set<UUID> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(orders);
        Instant start = Instant.now();
        for (String customer : customers) {
            pool.execute(() -> {
                try {
                    go.await();
                    JsonNode order = client.placeOrder(customer, List.of(new SagaClient.Line(sku, 1)), "DE");
                    accepted.add(UUID.fromString(order.path("orderId").asString()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SagaClient.HttpFailure e) {
                    failed.incrementAndGet();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        long settleMillis = awaitRecovery(start);
        List<String> violations = checker.check(accepted, List.of(sku), customers, SETTLE_TIMEOUT);
        Map<String, Long> statuses = statuses(accepted);
        long completed = statuses.getOrDefault("COMPLETED", 0L);
        long cancelled = statuses.getOrDefault("CANCELLED", 0L);
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("exactly one order completes", completed == 1 ? "PASS" : "FAIL");
        Map<String, Object> facts = new LinkedHashMap<>();
        long duplicateEffects = audit(accepted, checks, facts);
        return new ScenarioReport("last-item-in-stock",
                orders + " concurrent orders for the last unit of a product", 0, 0, accepted.size(), failed.get(), 0,
                accepted.size(), completed, cancelled, accepted.size() - completed - cancelled, settleMillis, -1, -1,
                -1, 0, duplicateEffects, Map.of(), Map.of(), invariants(violations, duplicateEffects), checks, facts,
                violations);
    }

    private static String relay(Service service) {
        return FaultStack.LOGICAL_RELAY.contains(service) ? "logical" : "table";
    }

    /** Waits until the backlog is gone; returns the time since {@code healStart}. */
    private long awaitRecovery(Instant healStart) {
        Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
        long lag = -1;
        long unsent = -1;
        int polls = 0;
        while (Instant.now().isBefore(deadline)) {
            lag = stack.consumerLag();
            // Only once the consumers have caught up: counting a logical-relay service's unsent messages decodes the
            // WAL since its last drain, which a poll every 200 ms through a long backlog would do hundreds of times.
            unsent = lag == 0 ? stack.unsentOutboxRows() : -1;
            if (lag == 0 && unsent == 0) {
                return Duration.between(healStart, Instant.now()).toMillis();
            }
            if (++polls % 50 == 0) {
                System.err.println("Recovering: consumer lag " + lag + " " + stack.lastLagProblem()
                        + ", unsent outbox rows " + unsentText(unsent));
            }
            Jvm.sleep(Duration.ofMillis(200));
        }
        System.err.println("Not recovered within " + RECOVERY_TIMEOUT + ": consumer lag " + lag + " "
                + stack.lastLagProblem() + ", unsent outbox rows " + unsentText(unsent));
        return -1;
    }

    /** The count the recovery wait read, or why it read none (-1). */
    private static String unsentText(long unsent) {
        return unsent < 0 ? "not counted while the consumers lag" : String.valueOf(unsent);
    }

    /** Orders by status; a cancelled one also counts under {@code CANCELLED:<reason>}. */
    private Map<String, Long> statuses(Collection<UUID> orders) {
        Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        orders.parallelStream().map(client::order).forEach(order -> {
            String status = order.path("status").asString();
            counts.merge(status, 1L, Long::sum);
            if ("CANCELLED".equals(status)) {
                counts.merge(status + ":" + order.path("cancellationReason").asString(), 1L, Long::sum);
            }
        });
        return counts;
    }

    private static Map<String, Long> cancellationReasons(Map<String, Long> statuses) {
        Map<String, Long> reasons = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> {
            if (status.startsWith("CANCELLED:")) {
                reasons.put(status.substring("CANCELLED:".length()), count);
            }
        });
        return reasons;
    }

    /**
     * The effect audit ({@link EffectAudit}: the events on the wire against each service's books) as checks, its
     * counts and the first violations of each failed check as facts. Returns how many orders had an effect twice:
     * as the services' REST APIs show them (charges, refunds, shipments), or as the audit found them (a decision
     * twice on the wire, an effect twice in the books).
     */
    private long audit(Collection<UUID> orders, Map<String, String> checks, Map<String, Object> facts) {
        EffectAudit.Result audit = new EffectAudit(stack).audit(orders);
        audit.checks().forEach((name, ok) -> checks.put(name, ok ? "PASS" : "FAIL"));
        facts.putAll(audit.facts());
        if (!audit.examples().isEmpty()) {
            facts.put("auditViolations", audit.examples());
        }
        Set<UUID> doubled = new java.util.HashSet<>(audit.doubled());
        doubled.addAll(duplicateEffects(orders));
        return doubled.size();
    }

    /** Failed deliveries logged by each instance's error handler since its mark ({@link #HANDLER_ERRORS}). */
    private Map<String, Long> handlerErrors(Map<ServiceNode, Long> marks) {
        Map<String, Long> errors = new java.util.TreeMap<>();
        for (ServiceNode node : stack.allInstances()) {
            long count = HANDLER_ERRORS.stream()
                    .mapToLong(text -> node.process().countSince(marks.getOrDefault(node, 0L), text)).sum();
            if (count > 0) {
                errors.merge(node.process().name(), count, Long::sum);
            }
        }
        return errors;
    }

    /** Orders with more than one charge, more than one refund or more than one shipment: effects that happened twice. */
    private Set<UUID> duplicateEffects(Collection<UUID> orders) {
        return orders.parallelStream().filter(order -> {
            List<JsonNode> payments = client.payments(order);
            long charges = payments.stream().filter(p -> "CHARGE".equals(p.path("type").asString())).count();
            long refunds = payments.stream().filter(p -> "REFUND".equals(p.path("type").asString())).count();
            return charges > 1 || refunds > 1 || client.shipments(order).size() > 1;
        }).collect(java.util.stream.Collectors.toSet());
    }

    /** Each invariant of DESIGN section 4, PASS or FAIL, from the checker's violations (prefixed by number). */
    private static Map<String, String> invariants(List<String> violations, long duplicateEffects) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int n = 1; n <= 5; n++) {
            String number = String.valueOf(n);
            boolean failed = violations.stream().anyMatch(v -> v.substring(0, v.indexOf(':')).contains(number));
            result.put(number, failed ? "FAIL" : "PASS");
        }
        result.put("6", duplicateEffects == 0 ? "PASS" : "FAIL");
        return result;
    }

    /** Pending, replayed and discarded dead letters per service. */
    Map<String, Long> deadLetters() {
        Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Arrays.stream(Service.values()).parallel().forEach(service -> counts.put(ServiceNode.module(service),
                client.deadLetters(service, "ALL", null).path("count").asLong()));
        return new java.util.TreeMap<>(counts);
    }

    /** The dead letters added since {@code before}, waiting (briefly) for the expected ones to arrive. */
    private Map<String, Long> awaitDeadLetters(Map<String, Long> before, Map<String, Long> expected, Fault fault) {
        Instant deadline = Instant.now().plusSeconds(expected.isEmpty() ? 0 : 30);
        Map<String, Long> found;
        do {
            Map<String, Long> now = deadLetters();
            found = new LinkedHashMap<>();
            for (var entry : now.entrySet()) {
                long added = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
                if (added != 0) {
                    found.put(entry.getKey(), added);
                }
            }
            if (fault.foundDeadLetters(found).equals(expected)) {
                return found;
            }
            Jvm.sleep(Duration.ofMillis(500));
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    /**
     * Watches a restarted service's consumer group: the first time its committed offsets move past where they were
     * when the heal began, the new instance has processed a record.
     */
    private final class RestartProbe {
        private final AtomicLong firstRecordAt = new AtomicLong(-1);
        private final CompletableFuture<Void> watching;

        RestartProbe(Service service) {
            String group = ServiceNode.module(service);
            watching = CompletableFuture.runAsync(() -> {
                try (Admin admin = stack.admin()) {
                    long before = committed(admin, group);
                    Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
                    while (Instant.now().isBefore(deadline)) {
                        long now = committed(admin, group);
                        if (now > before && before >= 0) {
                            firstRecordAt.set(System.currentTimeMillis());
                            return;
                        }
                        before = before < 0 ? now : before;
                        Jvm.sleep(Duration.ofMillis(100));
                    }
                }
            });
        }

        /** When the restarted instance first committed (epoch millis), or -1. */
        long firstRecordAt() {
            try {
                watching.get(RECOVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                return -1;
            }
            return firstRecordAt.get();
        }

        private static long committed(Admin admin, String group) {
            try {
                return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
            } catch (Exception e) {
                return -1;
            }
        }
    }
}
