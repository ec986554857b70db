package io.ordersaga.analytics.domain;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.events.CancellationReason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MilestoneTest {

    private static final UUID ORDER = UUID.randomUUID();

    @Test
    void placedCompletedAndCancelledForAReasonAreMilestones() {
        assertThat(Milestone.of(placed(ORDER, "alice")).map(Milestone::key)).contains("PLACED");
        assertThat(Milestone.of(completed(ORDER, "alice", "1.00")).map(Milestone::key)).contains("COMPLETED");
        assertThat(Milestone.of(cancelled(ORDER, "alice", CancellationReason.SHIPPING_FAILED)).map(Milestone::key))
                .contains("CANCELLED:SHIPPING_FAILED");
        assertThat(Milestone.of(reserved(ORDER, "alice", "1.00"))).isEmpty();
    }

    @Test
    void aKeyReadsBackAsItsMilestone() {
        assertThat(Milestone.parse("CANCELLED:OUT_OF_STOCK")).isEqualTo(Milestone.cancelled("OUT_OF_STOCK"));
        assertThat(Milestone.parse("COMPLETED")).isEqualTo(Milestone.COMPLETED);
    }

    @Test
    void aReasonGoesWithCancellationsOnly() {
        assertThatThrownBy(() -> new Milestone(Milestone.Kind.COMPLETED, "OUT_OF_STOCK"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Milestone(Milestone.Kind.CANCELLED, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
