package io.ordersaga.benchmarks.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerLimitTest {

    @Test
    void readsTheFinalTotalNotTheFiveSecondWindows() {
        List<String> output = List.of(
                "431233 records sent, 86229.4 records/sec (42.10 MB/sec), 312.5 ms avg latency, 980.0 ms max latency.",
                "500000 records sent, 88731.144000 records/sec (43.33 MB/sec), 301.12 ms avg latency, 980.00 ms max"
                        + " latency, 280 ms 50th, 700 ms 95th, 890 ms 99th, 960 ms 99.9th.");

        ProducerLimit.Result result = ProducerLimit.parse(output, 512, "cmd").orElseThrow();

        assertThat(result.records()).isEqualTo(500_000);
        assertThat(result.recordsPerSecond()).isEqualTo(88731.144);
        assertThat(result.megabytesPerSecond()).isEqualTo(43.33);
        assertThat(result.latencyP50Ms()).isEqualTo(280);
        assertThat(result.latencyP99Ms()).isEqualTo(890);
        assertThat(result.recordSize()).isEqualTo(512);
    }

    @Test
    void prefersTheSteadyStateTotalWhenTheToolPrintsOne() {
        List<String> output = List.of(
                "500000 records sent, 80000.000000 records/sec (39.06 MB/sec), 300.00 ms avg latency, 900.00 ms max"
                        + " latency, 280 ms 50th, 700 ms 95th, 890 ms 99th, 960 ms 99.9th.",
                "400000 steady state records sent, 90000.000000 records/sec (43.95 MB/sec), 250.00 ms avg latency,"
                        + " 800.00 ms max latency, 240 ms 50th, 600 ms 95th, 790 ms 99th, 860 ms 99.9th.");

        assertThat(ProducerLimit.parse(output, 512, "cmd").orElseThrow().recordsPerSecond()).isEqualTo(90000.0);
    }

    @Test
    void noTotalLineMeansNoResult() {
        assertThat(ProducerLimit.parse(List.of("usage: producer-performance ..."), 512, "cmd")).isEmpty();
    }
}
