package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.sagaclient.SagaClient.Service;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The fault suite, its second half: the broker and PostgreSQL fail under load (the broker killed three times on its
 * own log, frozen, down past the producers' delivery timeout; every database connection terminated; PostgreSQL's
 * postmaster or one backend killed, with crash recovery on the same data directory), a consumer stalls past
 * {@code max.poll.interval.ms} and the group rebalances, and fifty orders race for the last unit in stock. It runs
 * on a stack of its own, beside {@link FaultInjectionIT} (the services' faults and the mutation runs), with the same
 * load, checks and reports ({@link FaultSuite}); the two halves take about as long as each other.
 *
 * <p>The short version (5 orders/s for 6 s a scenario, a 5 s broker pause) runs in every {@code verify};
 * {@code -Pfaults-long} runs 20 orders/s for 30 s with a 20 s pause.
 */
class BrokerAndDatabaseFaultsIT extends FaultSuite {

    /**
     * Never trained, whatever {@code -Dfaults.cds} says: this stack starts its services once (and a second
     * shipping-service once), so a training run would cost more CPU than it saves, and wait for the other half's.
     */
    @Override
    ClassSharing classSharing() {
        return ClassSharing.UNTRAINED;
    }

    private static final Duration BROKER_PAUSE = Duration.ofSeconds(Integer.getInteger("faults.pauseSeconds", 5));

    @Test
    @Order(1)
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
    @Order(2)
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
    @Order(3)
    void aBrokerDownForLongerThanTheDeliveryTimeoutHasNoRowLeaveItsOutboxAndTheBacklogDrains() throws Exception {
        KafkaBroker broker = stack.broker();
        Map<Service, Long> marks = new java.util.EnumMap<>(Service.class);
        Map<String, Object> facts = new LinkedHashMap<>();
        ScenarioReport report = run.underLoad("broker-down-past-delivery-timeout",
                "kill -9 of the broker, which stays down until the services' producers have given up on their"
                        + " records (delivery.timeout.ms = " + FaultStack.DELIVERY_TIMEOUT.toMillis() + "), then a"
                        + " restart on the same log directory",
                new FaultRun.Fault() {
                    private Instant killedAt;

                    @Override
                    public void inject() {
                        stack.services().forEach(node -> marks.put(node.service(), node.process().logMark()));
                        broker.kill();
                        killedAt = Instant.now();
                    }

                    /**
                     * A batch sent just before the kill may still be acknowledged-or-failed up to one delivery timeout
                     * later. A row written after the kill can never have been acknowledged, so none of those may
                     * leave its outbox (the table relay deletes a row once the broker has it; the logical relay
                     * confirms its slot past a transaction once the broker has its messages) until the restart.
                     */
                    @Override
                    public void heal() {
                        Instant quietFrom = killedAt.plus(FaultStack.DELIVERY_TIMEOUT).plusSeconds(2);
                        Instant deadline = quietFrom.plusSeconds(60);
                        if (Instant.now().isBefore(quietFrom)) {
                            Jvm.sleep(Duration.between(Instant.now(), quietFrom));
                        }
                        Map<Service, List<Long>> writtenWhileDown = stack.outboxRowsWrittenSince(killedAt);
                        while (Instant.now().isBefore(deadline)
                                && (Instant.now().isBefore(quietFrom.plusSeconds(3)) || unacknowledged() == 0)) {
                            Jvm.sleep(Duration.ofMillis(200));
                        }
                        Instant quietTo = Instant.now();
                        facts.put("backlogAtRestart", stack.unsentOutboxRows());
                        facts.put("rowsWrittenWhileDown",
                                writtenWhileDown.values().stream().mapToLong(List::size).sum());
                        facts.put("rowsGoneWhileDown", stack.outboxRowsGone(writtenWhileDown));
                        // per service: inventory (logical relay) reacts to consumed events, so it writes none
                        Map<String, Integer> byService = new java.util.TreeMap<>();
                        writtenWhileDown.forEach((service, rows) -> byService.put(ServiceNode.module(service),
                                rows.size()));
                        facts.put("rowsWrittenWhileDownByService", byService);
                        facts.put("unacknowledgedSends", unacknowledged());
                        facts.put("brokerDownMillis", Duration.between(killedAt, quietTo).toMillis());
                        broker.start();
                    }

                    private long unacknowledged() {
                        return stack.services().stream().mapToLong(node -> node.process()
                                .countSince(marks.get(node.service()), "Broker did not acknowledge")).sum();
                    }

                    @Override
                    public Map<String, Boolean> checks() {
                        return Map.of(
                                "the producers' delivery timeout expired while the broker was down",
                                (long) facts.get("unacknowledgedSends") > 0,
                                "no outbox row written while the broker was down left its outbox (table relay: deleted; logical"
                                        + " relay: the slot confirmed past it) before the restart; only a service"
                                        + " fed over REST (order-service) writes while the broker is down, so this"
                                        + " does not cover the logical relay (inventory): see"
                                        + " rowsWrittenWhileDownByService",
                                (long) facts.get("rowsGoneWhileDown") == 0,
                                "an outbox backlog built up (and drained: recovered)",
                                (long) facts.get("backlogAtRestart") > 0);
                    }

                    @Override
                    public Map<String, Object> facts() {
                        return facts;
                    }
                });
        assertPassed(report);
    }

    @Test
    @Order(4)
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

                    @Override
                    public boolean expectsHandlerErrors() {
                        return true; // a handler whose connection was cut mid-transaction fails, and is retried
                    }
                });
        assertPassed(report);
    }

    /**
     * PostgreSQL crashes under load: {@code kill -9} of the postmaster (the pid in its data directory's
     * {@code postmaster.pid}), then a restart on the same data directory, which runs crash recovery from the WAL.
     * With fsync and synchronous commit on, every commit the services saw returned is on disk: nothing the relay
     * published can be lost by the crash, and nothing committed can stay unpublished ({@link EffectAudit}).
     */
    @Test
    @Order(5)
    void postgresKilledMidLoadRecoversOnItsDataDirectoryAndLosesNothing() throws Exception {
        ScenarioReport report = databaseCrash("postgres-kill9",
                "kill -9 of PostgreSQL's postmaster under load (its children exit when they notice), then a restart"
                        + " on the same data directory: crash recovery; the services reconnect by themselves",
                stack::killPostgres, stack::restartPostgres, Map.of("PostgreSQL ran crash recovery",
                        "database system was not properly shut down; automatic recovery in progress"));
        assertPassed(report);
    }

    /**
     * One backend process dies ({@code kill -9} of one of payment-service's connections, an active one if any):
     * PostgreSQL cannot know what it left half-done in shared memory, so the postmaster ends every other connection
     * of every database, reinitialises and runs crash recovery. Every service loses its connections at once.
     */
    @Test
    @Order(6)
    void aBackendKilledMakesPostgresResetEveryConnectionAndNothingIsLost() throws Exception {
        ScenarioReport report = databaseCrash("postgres-backend-kill9",
                "kill -9 of one of payment-service's PostgreSQL backends under load: the postmaster resets every"
                        + " connection of every service and recovers",
                () -> stack.killBackend(Service.PAYMENT), () -> {
                    Instant deadline = Instant.now().plusSeconds(120);
                    while (!stack.postgresAnswers() && Instant.now().isBefore(deadline)) {
                        Jvm.sleep(Duration.ofMillis(200));
                    }
                }, Map.of("PostgreSQL ended every other connection", "terminating any other active server processes",
                        "PostgreSQL ran crash recovery", "automatic recovery in progress"));
        assertPassed(report);
    }

    /**
     * A database crash under load: {@code kill} a third of the way in (what it returns goes in the report),
     * {@code bringBack} a third later, then every service must answer ready again. Passes only with PostgreSQL durable
     * (fsync and synchronous commit on) and each of {@code logLines} (check name to text) in its log since the kill.
     */
    private ScenarioReport databaseCrash(String scenario, String description,
                                         java.util.concurrent.Callable<Object> kill, Runnable bringBack,
                                         Map<String, String> logLines) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, String> settings = stack.postgresSettings();
        facts.put("postgres", settings);
        long[] mark = new long[1];
        boolean[] readyAgain = new boolean[1];
        return run.underLoad(scenario, description, new FaultRun.Fault() {
            @Override
            public void inject() throws Exception {
                mark[0] = stack.postgresLog().mark();
                facts.put("killed", kill.call());
            }

            @Override
            public void heal() {
                Instant start = Instant.now();
                bringBack.run();
                facts.put("postgresBackMillis", Duration.between(start, Instant.now()).toMillis());
                try {
                    stack.services().parallelStream().forEach(node -> node.awaitReady(FaultStack.READY_TIMEOUT));
                    readyAgain[0] = true;
                } catch (RuntimeException e) {
                    facts.put("notReady", e.getMessage());
                }
            }

            @Override
            public boolean expectsHandlerErrors() {
                return true; // a handler whose transaction the crash cut fails, and is retried
            }

            @Override
            public Map<String, Boolean> checks() {
                Map<String, Boolean> checks = new LinkedHashMap<>();
                checks.put("PostgreSQL ran with fsync=on and synchronous_commit=on",
                        "on".equals(settings.get("fsync")) && "on".equals(settings.get("synchronous_commit")));
                new java.util.TreeMap<>(logLines).forEach((name, text) -> checks.put(name + " ('" + text
                        + "' in its log)", stack.postgresLog().countSince(mark[0], text) > 0));
                checks.put("every service reconnected (its readiness, which includes the database, answered 200"
                        + " again)", readyAgain[0]);
                return checks;
            }

            @Override
            public Map<String, Object> facts() {
                return facts;
            }
        });
    }

    @Test
    @Order(7)
    void aSlowConsumerPastMaxPollIntervalHandsItsPartitionToTheOtherInstance() throws Exception {
        // The second instance's static member id sorts before the first's, so the range assignor gives it every
        // partition of the group when it joins; its first handler then stalls past max.poll.interval.ms.
        Duration maxPollInterval = Duration.ofSeconds(5);
        Duration stall = Duration.ofSeconds(25);
        ServiceNode first = stack.service(Service.SHIPPING);
        ServiceNode second = stack.anotherInstance(Service.SHIPPING, "shipping-service-0", List.of(
                "--spring.kafka.consumer.properties.max.poll.interval.ms=" + maxPollInterval.toMillis(),
                "--spring.kafka.consumer.max-poll-records=20"));
        long[] firstMarks = new long[2]; // the first instance's log from the second's takeover to the stall's end
        ScenarioReport report = run.underLoad("slow-consumer-rebalance",
                "a second shipping-service instance takes the group's partitions, then one of its handlers stalls "
                        + stall.toSeconds() + " s, past max.poll.interval.ms = " + maxPollInterval.toMillis()
                        + "; the first instance must take that partition over",
                new FaultRun.Fault() {
                    @Override
                    public void prepare() {
                        second.start(Map.of("ORDERSAGA_STALL_AT",
                                CrashPoints.INBOX_BEFORE_HANDLE + ":" + stall.toMillis()));
                        second.awaitReady(FaultStack.READY_TIMEOUT);
                        Instant deadline = Instant.now().plusSeconds(60);
                        while (assigned(second, 0, Long.MAX_VALUE) == 0 && Instant.now().isBefore(deadline)) {
                            Jvm.sleep(Duration.ofMillis(200));
                        }
                        Jvm.sleep(Duration.ofSeconds(1)); // the first instance's half of the rebalance
                        firstMarks[0] = first.process().logMark();
                    }

                    @Override
                    public void inject() {
                        // the load reaches the stalling handler
                    }

                    @Override
                    public void heal() {
                        Instant deadline = Instant.now().plus(stall).plusSeconds(60);
                        while (second.process().countSince(0, "stall over") == 0 && Instant.now().isBefore(deadline)) {
                            Jvm.sleep(Duration.ofMillis(200));
                        }
                        firstMarks[1] = first.process().logMark();
                        Jvm.sleep(Duration.ofSeconds(1));
                        second.process().stop();
                    }

                    @Override
                    public boolean redelivers() {
                        return true; // the stalled poll's records go to the first instance as well
                    }

                    @Override
                    public Map<String, Boolean> checks() {
                        return Map.of(
                                "the second instance stalled in a handler",
                                second.process().countSince(0, "ORDERSAGA_STALL_AT reached") > 0,
                                "its consumer exceeded max.poll.interval.ms",
                                second.process().countSince(0, "poll timeout has expired") > 0,
                                "the first instance was assigned a partition during the stall",
                                assigned(first, firstMarks[0], firstMarks[1]) > 0);
                    }
                });
        assertPassed(report);
    }

    /** Non-empty assignments spring-kafka logged between two marks of the node's log. */
    private static long assigned(ServiceNode node, long from, long to) {
        return node.process().linesBetween(from, to).stream()
                .filter(line -> line.contains("partitions assigned: [") && !line.contains("partitions assigned: []"))
                .count();
    }

    @Test
    @Order(8)
    void fiftyConcurrentOrdersForTheLastUnitCompleteExactlyOne() throws Exception {
        ScenarioReport report = run.lastItemInStock(50);
        assertPassed(report);
        assertThat(report.completed()).as("orders completed for the one unit in stock").isEqualTo(1);
        assertThat(report.cancelled()).as("orders cancelled").isEqualTo(report.accepted() - 1L);
    }
}
