package io.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-31T10:30:00Z");

    @Test
    void putsEveryEventAfterItsCauseEvenWhenItsClockSaysEarlier() {
        TimelineEvent placed = event("OrderPlaced", "request-1", 0);
        TimelineEvent reserved = event("InventoryReserved", placed, -5);
        TimelineEvent paid = event("PaymentCompleted", reserved, 10);
        TimelineEvent scheduled = event("ShipmentScheduled", paid, 8);
        TimelineEvent completed = event("OrderCompleted", scheduled, 20);
        List<TimelineEvent> shuffled = new ArrayList<>(List.of(completed, scheduled, paid, reserved, placed));
        Collections.shuffle(shuffled);

        assertThat(Timeline.causalOrder(shuffled)).containsExactly(placed, reserved, paid, scheduled, completed);
    }

    @Test
    void ordersBranchesAndSeveralRootsByTime() {
        TimelineEvent placed = event("OrderPlaced", "request-1", 0);
        TimelineEvent reserved = event("InventoryReserved", placed, 3);
        TimelineEvent cancelled = event("OrderCancelled", "request-2", 2);
        TimelineEvent released = event("InventoryReleased", cancelled, 4);
        TimelineEvent declined = event("PaymentFailed", reserved, 5);

        assertThat(Timeline.causalOrder(List.of(declined, released, reserved, cancelled, placed)))
                .containsExactly(placed, cancelled, reserved, released, declined);
    }

    @Test
    void keepsEventsWhoseCauseIsNotOnTheTimelineInTimeOrder() {
        TimelineEvent late = event("PaymentRefunded", UUID.randomUUID().toString(), 7);
        TimelineEvent early = event("OrderPlaced", "request-1", 1);

        assertThat(Timeline.causalOrder(List.of(late, early))).containsExactly(early, late);
    }

    @Test
    void losesNoEventOfACausationCycle() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TimelineEvent first = new TimelineEvent(a, UUID.randomUUID(), "X", "test", b.toString(), "c", T0);
        TimelineEvent second = new TimelineEvent(b, first.orderId(), "Y", "test", a.toString(), "c", T0.plusSeconds(1));

        assertThat(Timeline.causalOrder(List.of(second, first))).containsExactly(first, second);
    }

    private static TimelineEvent event(String type, TimelineEvent cause, int seconds) {
        return event(type, cause.eventId().toString(), seconds);
    }

    private static TimelineEvent event(String type, String causationId, int seconds) {
        return new TimelineEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000001"), type,
                "test", causationId, "corr-1", T0.plusSeconds(seconds));
    }
}
