package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    @Test
    void aReportReadsBackAsWritten(@TempDir Path dir) throws IOException {
        BenchmarkReport report = ReportFixtures.report();
        Path file = dir.resolve("results/run.json");

        ResultsJson.write(report, file);

        assertThat(Files.readString(file)).contains("\"throughput\" : 199.8").contains("\"fsync\" : \"on\"")
                .contains("\"execMsPerOrder\" : 2.5").contains("\"database\" : \"inventory_service\"");
        BenchmarkReport read = ResultsJson.read(file);
        assertThat(read.steps()).hasSize(3);
        assertThat(read.steps().get(1).completedLatency()).isEqualTo(report.steps().get(1).completedLatency());
        assertThat(read.limits()).isEqualTo(report.limits());
        assertThat(read.steps().get(0).cancelledLatency().p50()).isNaN();
        assertThat(read.steps().get(0).machineCpu()).isEqualTo(report.steps().get(0).machineCpu());
        assertThat(read.steps().get(0).walPerOrder()).isEqualTo(report.steps().get(0).walPerOrder());
        assertThat(read.steps().get(0).statements()).isEqualTo(report.steps().get(0).statements());
        assertThat(read.steps().get(0).statements().top().get(0).query()).isEqualTo("COMMIT");
        assertThat(read.summaries()).isEqualTo(report.summaries()).hasSize(3);
    }
}
