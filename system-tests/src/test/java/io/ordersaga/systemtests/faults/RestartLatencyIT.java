package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How soon a service killed with {@code kill -9} and started again consumes again, with static group membership,
 * with Kafka 4's consumer group protocol ({@code group.protocol=consumer}), with both, and with neither. The
 * service is shipping-service, fed by a steady trickle of orders; for each way it is killed and restarted
 * {@code faults.restartRounds} times (2 by default), and each round reports process start to ready, ready to the
 * first record processed (its group commits again), and kill to first record. Only with
 * {@code -Dfaults.measureRestart=true}; written to {@code target/fault-reports/restart-latency.json}.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartLatencyIT {

    private static final Service SERVICE = Service.SHIPPING;
    private static final String GROUP = ServiceNode.module(SERVICE);
    private static final int ROUNDS = Integer.getInteger("faults.restartRounds", 2);
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(120);

    /** The environment of each way to (re)join the group; an empty value removes the variable. */
    private static final Map<String, Map<String, String>> MODES = new LinkedHashMap<>();

    static {
        MODES.put("static-membership", Map.of("ORDERSAGA_INSTANCE_ID", GROUP + "-1"));
        MODES.put("consumer-protocol", Map.of("ORDERSAGA_INSTANCE_ID", "",
                "SPRING_APPLICATION_JSON", "{\"spring.kafka.consumer.properties.group.protocol\":\"consumer\"}"));
        MODES.put("consumer-protocol+static", Map.of("ORDERSAGA_INSTANCE_ID", GROUP + "-1",
                "SPRING_APPLICATION_JSON", "{\"spring.kafka.consumer.properties.group.protocol\":\"consumer\"}"));
        MODES.put("neither", Map.of("ORDERSAGA_INSTANCE_ID", ""));
    }

    private FaultStack stack;

    record Round(String mode, int round, long startToReadyMillis, long readyToFirstRecordMillis,
                 long startToFirstRecordMillis, long killToFirstRecordMillis) {
    }

    @BeforeAll
    void startStack() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("faults.measureRestart"),
                "restart latency is measured only with -Dfaults.measureRestart=true");
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        Assumptions.assumeTrue(FaultStack.missingJars(repoRoot).isEmpty(), "the service jars are not built");
        stack = FaultStack.start(Files.createTempDirectory("ordersaga-restart-"), repoRoot, Map.of());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void measuresRestartToFirstRecordForEachWayOfJoiningTheGroup() throws Exception {
        ServiceNode node = stack.service(SERVICE);
        LoadDriver load = new LoadDriver(stack.client(), new Fixtures(stack.client(), "restart", 1_000_000));
        load.start(3, Duration.ofMinutes(30));
        List<Round> rounds = new ArrayList<>();
        try (Admin admin = stack.admin()) {
            for (var mode : MODES.entrySet()) {
                // A clean start in this mode, with the group empty first, so no member of the last mode lingers.
                node.process().stop();
                awaitEmptyGroup(admin);
                node.start(mode.getValue());
                node.awaitReady(FaultStack.READY_TIMEOUT);
                awaitFirstRecord(admin, committed(admin));
                for (int round = 1; round <= ROUNDS; round++) {
                    Jvm.sleep(Duration.ofSeconds(2));
                    long before = committed(admin);
                    node.process().kill();
                    Instant killedAt = Instant.now();
                    node.start(mode.getValue());
                    node.awaitReady(FaultStack.READY_TIMEOUT);
                    Instant first = awaitFirstRecord(admin, before);
                    Instant started = node.startedAt();
                    Instant ready = node.readyAt();
                    Round measured = new Round(mode.getKey(), round, Duration.between(started, ready).toMillis(),
                            first == null ? -1 : Math.max(0, Duration.between(ready, first).toMillis()),
                            first == null ? -1 : Duration.between(started, first).toMillis(),
                            first == null ? -1 : Duration.between(killedAt, first).toMillis());
                    System.out.println("==== restart latency " + measured);
                    rounds.add(measured);
                }
            }
        } finally {
            load.stop();
            publish(rounds);
        }
        assertThat(rounds).as("rounds measured").hasSize(MODES.size() * ROUNDS);
    }

    /** Waits until the group's committed offsets pass {@code before}; returns when, or null after the timeout. */
    private static Instant awaitFirstRecord(Admin admin, long before) {
        Instant deadline = Instant.now().plus(FIRST_RECORD_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (committed(admin) > before) {
                return Instant.now();
            }
            Jvm.sleep(Duration.ofMillis(100));
        }
        return null;
    }

    private static long committed(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitEmptyGroup(Admin admin) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            try {
                var group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
                if (group.members().isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                // the group may not exist yet
                return;
            }
            Jvm.sleep(Duration.ofMillis(500));
        }
    }

    private static void publish(List<Round> rounds) throws IOException {
        Path dir = Path.of("target", "fault-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("restart-latency.json"), JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(rounds));
    }
}
