package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

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
        // HdrHistogram with three significant digits: within 0.1% of the nearest-rank sample
        assertThat(latencies.p50()).isCloseTo(500.0, withinPercentage(0.1));
        assertThat(latencies.p95()).isCloseTo(950.0, withinPercentage(0.1));
        assertThat(latencies.p99()).isCloseTo(990.0, withinPercentage(0.1));
        assertThat(latencies.p999()).isCloseTo(999.0, withinPercentage(0.1));
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
    void aPercentileNeverExceedsTheLargestSampleAndNegativeSamplesCountAsZero() {
        long[] micros = {-5, 1_234_567, 1_234_567, 1_234_567};

        Latencies latencies = Latencies.ofMicros(micros);

        assertThat(latencies.p999()).isEqualTo(1_234.567); // the bucket's top would be above it
        assertThat(latencies.max()).isEqualTo(1_234.567);
        assertThat(latencies.p50()).isCloseTo(1_234.567, withinPercentage(0.1));
    }

    @Test
    void noSamplesMeansNoFigures() {
        assertThat(Latencies.ofMicros(new long[0])).isEqualTo(Latencies.NONE);
        assertThat(Latencies.NONE.p99()).isNaN();
    }
}
