package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void uniformArrivalsAreTheFixedIntervalsOfBefore() {
        long[] due = Arrivals.UNIFORM.schedule(200, Duration.ofSeconds(60), new Random(1));

        assertThat(due).hasSize(12_000);
        assertThat(due[0]).isZero();
        assertThat(due[1]).isEqualTo(5_000_000);
        assertThat(due[11_999]).isEqualTo(OpenLoop.dueNanos(0, 200, 11_999));
    }

    @Test
    void poissonGapsAreExponentialWithTheRatesMean() {
        long[] due = Arrivals.POISSON.schedule(200, Duration.ofSeconds(600), new Random(42));

        // 120,000 expected; a Poisson count's standard deviation is its square root, about 350
        assertThat(due.length).isBetween(118_500, 121_500);
        double[] gaps = new double[due.length - 1];
        for (int i = 1; i < due.length; i++) {
            gaps[i - 1] = due[i] - due[i - 1];
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow());
        assertThat(mean).isCloseTo(5_000_000, within(100_000.0));
        assertThat(sd / mean).as("an exponential's coefficient of variation is 1").isCloseTo(1.0, within(0.03));
        assertThat(due).isSorted();
        assertThat(due[0]).isNotNegative();
        assertThat(due[due.length - 1]).isLessThan(600_000_000_000L);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        long[] once = Arrivals.POISSON.schedule(50, Duration.ofSeconds(10), new Random(7));
        long[] again = Arrivals.POISSON.schedule(50, Duration.ofSeconds(10), new Random(7));
        long[] other = Arrivals.POISSON.schedule(50, Duration.ofSeconds(10), new Random(8));

        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }
}
