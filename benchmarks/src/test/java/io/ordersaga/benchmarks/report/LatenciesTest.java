package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        long[] micros = LongStream.rangeClosed(1, 1000).map(i -> i * 1000).toArray(); // 1 ms .. 1000 ms, shuffled below
        for (int i = 0; i < micros.length; i += 2) {
            long swap = micros[i];
            micros[i] = micros[micros.length - 1 - i];
            micros[micros.length - 1 - i] = swap;
        }

        Latencies latencies = Latencies.ofMicros(micros);

        assertThat(latencies.count()).isEqualTo(1000);
        assertThat(latencies.p50()).isEqualTo(500.0);
        assertThat(latencies.p95()).isEqualTo(950.0);
        assertThat(latencies.p99()).isEqualTo(990.0);
        assertThat(latencies.p999()).isEqualTo(999.0);
        assertThat(latencies.max()).isEqualTo(1000.0);
        assertThat(latencies.mean()).isEqualTo(500.5);
    }

    @Test
    void oneSlowSampleInAHundredIsTheP99() {
        long[] micros = new long[100];
        java.util.Arrays.fill(micros, 2_000);
        micros[37] = 900_000;

        Latencies latencies = Latencies.ofMicros(micros);

        assertThat(latencies.p50()).isEqualTo(2.0);
        assertThat(latencies.p99()).isEqualTo(2.0);
        assertThat(latencies.max()).isEqualTo(900.0);
    }

    @Test
    void noSamplesMeansNoFigures() {
        assertThat(Latencies.ofMicros(new long[0])).isEqualTo(Latencies.NONE);
        assertThat(Latencies.NONE.p99()).isNaN();
    }
}
