package io.ordersaga.systemtests.faults;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one scenario did and found, printed and written as JSON to {@code target/fault-reports/<scenario>.json}.
 *
 * @param recoverMillis from the start of the heal until every consumer group's lag is 0 and every outbox is empty
 * @param restartToReadyMillis for a restarted service: from its process start until its readiness probe answers
 *                             200, or -1 when not measured
 * @param readyToFirstRecordMillis from then until its consumer group commits again (it processed a record); 0 when
 *                                 it did so before it reported ready, -1 when not measured
 * @param restartToFirstRecordMillis the sum of the two: process start to first record processed
 * @param duplicatesDeduplicated inbox hits logged during the scenario ("Skipping duplicate")
 * @param duplicateEffects orders charged, refunded or shipped more than once (must be 0)
 * @param invariants invariant number (1 to 6) to PASS or FAIL
 * @param checks what this scenario proves besides the invariants (e.g. that its crash point was reached), PASS or FAIL
 * @param facts what the scenario measured along the way (exit statuses, backlogs, counts of log lines)
 */
record ScenarioReport(
        String scenario,
        String fault,
        int ratePerSecond,
        int loadSeconds,
        int placedOk,
        int placedFailed,
        int placedUnknown,
        int accepted,
        long completed,
        long cancelled,
        long stuck,
        long recoverMillis,
        long restartToReadyMillis,
        long readyToFirstRecordMillis,
        long restartToFirstRecordMillis,
        long duplicatesDeduplicated,
        long duplicateEffects,
        Map<String, Long> deadLettersExpected,
        Map<String, Long> deadLettersFound,
        Map<String, String> invariants,
        Map<String, String> checks,
        Map<String, Object> facts,
        List<String> violations) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @JsonProperty("passed")
    boolean passed() {
        return failures().isEmpty();
    }

    /** What failed, by name: the checks and invariants that caught a fault (empty when the scenario passed). */
    @JsonProperty("failures")
    List<String> failures() {
        List<String> failures = new java.util.ArrayList<>();
        if (stuck > 0) {
            failures.add("stuck orders: " + stuck);
        }
        if (recoverMillis < 0) {
            failures.add("not recovered (consumer lag and outboxes not all 0)");
        }
        if (duplicateEffects > 0) {
            failures.add("duplicate effects: " + duplicateEffects);
        }
        if (!deadLettersExpected.equals(deadLettersFound)) {
            failures.add("dead letters expected " + deadLettersExpected + ", found " + deadLettersFound);
        }
        invariants.forEach((number, result) -> {
            if ("FAIL".equals(result)) {
                failures.add("invariant " + number);
            }
        });
        checks.forEach((name, result) -> {
            if ("FAIL".equals(result)) {
                failures.add(name);
            }
        });
        if (!violations.isEmpty() && !invariants.containsValue("FAIL")) {
            failures.add("invariant checker: " + violations.size() + " violations");
        }
        return failures;
    }

    /** The same report under another name (a repeated scenario's run). */
    ScenarioReport named(String name) {
        return new ScenarioReport(name, fault, ratePerSecond, loadSeconds, placedOk, placedFailed, placedUnknown,
                accepted, completed, cancelled, stuck, recoverMillis, restartToReadyMillis, readyToFirstRecordMillis,
                restartToFirstRecordMillis, duplicatesDeduplicated, duplicateEffects, deadLettersExpected,
                deadLettersFound, invariants, checks, facts, violations);
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** Prints the report and writes it to {@code dir/<scenario>.json}. */
    void publish(Path dir) {
        String json = toJson();
        System.out.println("==== fault scenario " + scenario + (passed() ? " PASSED" : " FAILED") + System.lineSeparator()
                + json);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
