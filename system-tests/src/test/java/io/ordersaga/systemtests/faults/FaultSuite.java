package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the fault suite's classes share: one stack per class (the four services, the broker and PostgreSQL as
 * separate processes), started before its first scenario and put back in shape before each; the load and the checks
 * of {@link FaultRun}; the knobs of the short and the long version.
 *
 * <p>The suite is split in two classes, each on a stack of its own: {@link FaultInjectionIT} (the services crash, halt,
 * stall, get poison or a replay) and {@link BrokerAndDatabaseFaultsIT} (the broker and PostgreSQL crash or freeze).
 * system-tests' integration tests run in two JVMs, so the two halves run side by side: most of a scenario's time is
 * spent waiting (the load, a pause, a delivery timeout, a stalled handler), not computing.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultSuite {

    static final int RATE = Integer.getInteger("faults.rate", 5);
    static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("faults.seconds", 6));
    /** How often each scenario runs, one run after the other on the same stack (3 in {@code -Pfaults-long}). */
    static final int REPEATS = Integer.getInteger("faults.repeats", 1);
    static final Path REPORTS = Path.of("target", "fault-reports");
    static final String CRASH_AT = "ORDERSAGA_CRASH_AT";

    FaultStack stack;
    FaultRun run;

    /** The environment each service starts with, e.g. crash points armed from the first start (saves restarts). */
    Map<Service, Map<String, String>> armedAtStart() {
        return Map.of();
    }

    /** How the services' JVMs start: from extracted jars by default ({@code -Dfaults.cds}, {@link ClassSharing}). */
    ClassSharing classSharing() {
        return ClassSharing.CONFIGURED;
    }

    /** Whether {@code test} starts armed services as they are, rather than restarting them disarmed first. */
    boolean keepsArmed(TestInfo test, ServiceNode node) {
        return false;
    }

    @BeforeAll
    void startStack() throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        var missing = FaultStack.missingJars(repoRoot);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "Fault suite skipped: the service jars are not built "
                + missing + "; run './mvnw -B -ntp package -DskipTests' (a reactor verify builds them first).");
        // Outside target/: a 'clean' of the module while the suite runs must not pull PostgreSQL's files away.
        String name = getClass().getSimpleName();
        stack = FaultStack.start(Files.createTempDirectory("ordersaga-" + name + "-"), repoRoot, armedAtStart(),
                KafkaCluster::singleNode, classSharing());
        stack.keepLogsIn(Path.of("target", "fault-logs", name));
        run = new FaultRun(stack, RATE, LOAD, REPORTS, REPEATS);
    }

    /** A scenario that failed half-way must not take the next ones down with it. */
    @BeforeEach
    void everythingRuns(TestInfo test) throws java.io.IOException {
        stack.ensurePostgresRunning();
        stack.stopOtherInstances();
        stack.broker().process().resume();
        if (!stack.broker().process().isAlive()) {
            stack.broker().start();
        }
        for (ServiceNode node : stack.services()) {
            if (!keepsArmed(test, node) && !node.armed().isEmpty()) {
                node.process().stop();
            }
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

    static void assertPassed(ScenarioReport report) {
        assertThat(report.passed()).as("scenario %s:%n%s", report.scenario(), report.toJson()).isTrue();
    }

    /** The offsets {@code group} has committed, per partition. */
    Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = stack.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        }
    }

    /** Sets {@code group}'s committed offsets to {@code offsets}, once the group is empty. */
    void rewind(String group, Map<TopicPartition, OffsetAndMetadata> offsets) throws Exception {
        try (Admin admin = stack.admin()) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    // Refused while the stopped instance is still a member of the group.
                    admin.alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Jvm.sleep(Duration.ofMillis(500));
                }
            }
        }
    }
}
