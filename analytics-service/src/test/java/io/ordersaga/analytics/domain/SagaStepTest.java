package io.ordersaga.analytics.domain;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.declined;
import static io.ordersaga.analytics.SagaEvents.paid;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static io.ordersaga.analytics.SagaEvents.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SagaStepTest {

    private static final UUID ORDER = UUID.randomUUID();

    @Test
    void eachMilestoneEventProvesItsStep() {
        assertThat(SagaStep.reachedBy(placed(ORDER, "alice"))).contains(SagaStep.PLACED);
        assertThat(SagaStep.reachedBy(reserved(ORDER, "alice", "10.00"))).contains(SagaStep.RESERVED);
        assertThat(SagaStep.reachedBy(paid(ORDER, "alice", "10.00"))).contains(SagaStep.PAID);
        assertThat(SagaStep.reachedBy(completed(ORDER, "alice", "10.00"))).contains(SagaStep.COMPLETED);
        assertThat(SagaStep.reachedBy(cancelled(ORDER, "alice", CancellationReason.TIMED_OUT)))
                .contains(SagaStep.CANCELLED);
    }

    @Test
    void failuresAndShipmentsProveNoStep() {
        assertThat(SagaStep.reachedBy(declined(ORDER, "alice", "10.00"))).isEmpty();
        assertThat(SagaStep.reachedBy(shipped(ORDER))).isEmpty();
    }

    @Test
    void aStepOnlyMovesForward() {
        assertThat(SagaStep.advance(SagaStep.PAID, SagaStep.RESERVED)).isEqualTo(SagaStep.PAID);
        assertThat(SagaStep.advance(SagaStep.PLACED, SagaStep.PAID)).isEqualTo(SagaStep.PAID);
        assertThat(SagaStep.advance(null, SagaStep.RESERVED)).isEqualTo(SagaStep.RESERVED);
        assertThat(SagaStep.advance(SagaStep.RESERVED, null)).isEqualTo(SagaStep.RESERVED);
    }

    @Test
    void anyStepCanEndCancelledAndATerminalStepNeverChanges() {
        assertThat(SagaStep.advance(SagaStep.PAID, SagaStep.CANCELLED)).isEqualTo(SagaStep.CANCELLED);
        assertThat(SagaStep.advance(SagaStep.CANCELLED, SagaStep.COMPLETED)).isEqualTo(SagaStep.CANCELLED);
        assertThat(SagaStep.advance(SagaStep.COMPLETED, SagaStep.CANCELLED)).isEqualTo(SagaStep.COMPLETED);
    }
}
