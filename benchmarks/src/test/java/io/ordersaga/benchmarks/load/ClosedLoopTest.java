package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.benchmarks.load.ClosedLoop.Sender.Outcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void aClientRefusedForAFullBacklogWaitsAndSendsAgainWithoutSpendingAnOrder() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ClosedLoop loop = new ClosedLoop((step, measured, intended) -> {
            if (sends.incrementAndGet() <= 5) {
                return Outcome.BACKLOG_FULL; // the first five POSTs find the backlog full
            }
            accepted.incrementAndGet();
            return Outcome.ACCEPTED;
        }, Duration.ofMillis(1));

        loop.run(1, true, 2, 10);

        assertThat(accepted).as("the step's orders are accepted ones").hasValue(10);
        assertThat(sends).hasValue(15);
    }

    @Test
    void anyOtherFailureSpendsItsOrder() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        ClosedLoop loop = new ClosedLoop((step, measured, intended) -> {
            sends.incrementAndGet();
            return Outcome.FAILED;
        }, Duration.ofMillis(1));

        loop.run(1, true, 3, 12);

        assertThat(sends).as("a failure that is not a full backlog is not retried").hasValue(12);
    }
}
