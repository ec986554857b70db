package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatSummaryTest {

    @TempDir
    Path reports;

    @Test
    void putsTheRunsOfEachScenarioSideBySideAndPassesAScenarioOnlyIfEveryRunPassed() throws Exception {
        report("broker-paused-run1", 0, 5_128);
        report("broker-paused-run2", 0, 4_900);
        report("broker-paused-run3", 0, 6_010);
        report("crash-points-run1", 0, 13_304);
        report("crash-points-run2", 2, -1);
        report("crash-points-run3", 0, 12_000);
        report("poison-records", 0, 3_000); // a scenario that ran once is not a repeated one

        RepeatSummary.write(reports);
        String summary = Files.readString(reports.resolve(RepeatSummary.FILE));

        assertThat(summary).contains("| scenario | run 1 | run 2 | run 3 | all runs |");
        assertThat(summary).contains("| `broker-paused` | PASS; 31 → 25 / 6 / 0; 5.1 s; 0; 0 | PASS; 31 → 25 / 6 / 0;"
                + " 4.9 s; 0; 0 | PASS; 31 → 25 / 6 / 0; 6.0 s; 0; 0 | **PASS** |");
        assertThat(summary).contains("| `crash-points` | PASS; 31 → 25 / 6 / 0; 13.3 s; 0; 0 | FAIL; 31 → 25 / 6 / 2;"
                + " not recovered; 0; 0 | PASS; 31 → 25 / 6 / 0; 12.0 s; 0; 0 | **FAIL** |");
        assertThat(summary).contains("- `crash-points-run2`: stuck orders: 2; not recovered");
        assertThat(summary).doesNotContain("poison-records");
        try (var files = Files.list(reports)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aRunMissingFromAScenarioFailsIt() throws Exception {
        report("last-item-in-stock-run1", 0, 1_000);
        report("last-item-in-stock-run2", 0, 1_000);
        report("broker-paused-run1", 0, 5_000);

        String summary = RepeatSummary.render(reports);

        assertThat(summary).contains("| `broker-paused` | PASS; 31 → 25 / 6 / 0; 5.0 s; 0; 0 | not run | **FAIL** |");
        assertThat(summary).contains("| `last-item-in-stock` |").contains("1.0 s; 0; 0 | **PASS** |");
    }

    private void report(String scenario, long stuck, long recoverMillis) {
        new ScenarioReport(scenario, "a fault", 5, 6, 31, 0, 0, 31, 25, 6, stuck, recoverMillis, -1, -1, -1, 0, 0,
                Map.of(), Map.of(), Map.of("1", "PASS"), Map.of(), Map.of(), List.of()).publish(reports);
    }
}
