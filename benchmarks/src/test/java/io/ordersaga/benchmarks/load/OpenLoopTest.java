package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void ordersAreDueAtFixedIntervalsFromTheStartWhateverHappenedBefore() {
        long start = 1_000_000L;

        assertThat(OpenLoop.dueNanos(start, 200, 0)).isEqualTo(start);
        assertThat(OpenLoop.dueNanos(start, 200, 1)).isEqualTo(start + 5_000_000);
        assertThat(OpenLoop.dueNanos(start, 200, 200)).isEqualTo(start + 1_000_000_000);
        assertThat(OpenLoop.dueNanos(start, 3, 2)).isEqualTo(start + 666_666_666);
    }

    @Test
    void aStepSendsRateTimesDurationOrders() {
        assertThat(OpenLoop.orderCount(200, Duration.ofSeconds(60))).isEqualTo(12_000);
        assertThat(OpenLoop.orderCount(1500, Duration.ofMillis(500))).isEqualTo(750);
    }
}
