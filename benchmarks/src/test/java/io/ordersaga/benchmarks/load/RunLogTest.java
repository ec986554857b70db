package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunLogTest {

    @Test
    void aStepCountsItsMeasuredRefusalsOnlyAndTheRunCountsThemAll() {
        RunLog log = new RunLog();

        log.rejected(1, false, "503 during the step's warm-up");
        log.rejected(1, true, "503 measured");
        log.rejected(1, true, "503 measured");
        log.rejected(2, false, "503 during the next warm-up");

        assertThat(log.rejectedCount(1)).as("set against the step's measured orders").isEqualTo(2);
        assertThat(log.rejectedCount(2)).isZero();
        assertThat(log.rejectedCount()).as("the progress line's total").isEqualTo(4);
        assertThat(log.firstErrors()).hasSize(4);
    }

    @Test
    void aStepsMeasuredCountLeavesItsWarmUpAndOtherStepsOut() {
        RunLog log = new RunLog();
        log.placed(order(1, false));
        log.placed(order(1, true));
        log.placed(order(2, true));
        log.rejected(1, false, "warm-up");
        log.rejected(1, true, "measured");

        RunLog.StepCount count = log.measured(1);

        assertThat(count.accepted()).hasSize(1).allMatch(o -> o.step() == 1 && o.measured());
        assertThat(count.refused()).isEqualTo(1);
    }

    private static RunLog.PlacedOrder order(int step, boolean measured) {
        return new RunLog.PlacedOrder(java.util.UUID.randomUUID(), OrderKind.COMPLETES, step, measured, 1, 2, 3);
    }
}
