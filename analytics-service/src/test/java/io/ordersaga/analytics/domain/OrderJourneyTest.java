package io.ordersaga.analytics.domain;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.declined;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static io.ordersaga.analytics.SagaEvents.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.SagaEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderJourneyTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void aJourneyRemembersItsCustomerStepTotalAndEvents() {
        OrderJourney journey = record(OrderJourney.begin(ORDER), placed(ORDER, "alice"), T0);
        journey = record(journey, reserved(ORDER, "alice", "49.90"), T0.plusSeconds(1));

        assertThat(journey.customerId()).isEqualTo("alice");
        assertThat(journey.step()).isEqualTo(SagaStep.RESERVED);
        assertThat(journey.totalAmount()).isEqualByComparingTo(new BigDecimal("49.90"));
        assertThat(journey.currency()).isEqualTo("EUR");
        assertThat(journey.timeline()).extracting(TimelineEntry::eventType)
                .containsExactly("OrderPlaced", "InventoryReserved");
        assertThat(journey.lastEventAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theTimelineIsOrderedByEventTimeWhateverTheArrivalOrder() {
        OrderJourney journey = record(OrderJourney.begin(ORDER), shipped(ORDER), T0.plusSeconds(3));
        journey = record(journey, placed(ORDER, "alice"), T0);

        assertThat(journey.timeline()).extracting(TimelineEntry::eventType)
                .containsExactly("OrderPlaced", "ShipmentScheduled");
    }

    @Test
    void aRecordedEventIsRecognisedAgain() {
        UUID eventId = UUID.randomUUID();
        OrderJourney journey = OrderJourney.begin(ORDER).record(eventId, "OrderPlaced", "order-service", T0,
                placed(ORDER, "alice"));

        assertThat(journey.hasSeen(eventId)).isTrue();
        assertThat(journey.hasSeen(UUID.randomUUID())).isFalse();
    }

    @Test
    void aCancellationKeepsItsReason() {
        OrderJourney journey = record(OrderJourney.begin(ORDER), declined(ORDER, "bob", "20.00"), T0);
        journey = record(journey, cancelled(ORDER, "bob", CancellationReason.PAYMENT_DECLINED), T0.plusSeconds(1));

        assertThat(journey.step()).isEqualTo(SagaStep.CANCELLED);
        assertThat(journey.cancellationReason()).isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void theCompletedTotalIsTheOneThatCounts() {
        OrderJourney journey = record(OrderJourney.begin(ORDER), reserved(ORDER, "alice", "10.00"), T0);
        journey = record(journey, completed(ORDER, "alice", "12.00"), T0.plusSeconds(1));

        assertThat(journey.totalAmount()).isEqualByComparingTo(new BigDecimal("12.00"));
    }

    @Test
    void onlyFinishedOrdersThatWentQuietBeforeTheCutoffMayBeForgotten() {
        OrderJourney finished = record(record(OrderJourney.begin(ORDER), placed(ORDER, "alice"), T0),
                completed(ORDER, "alice", "12.00"), T0.plusSeconds(1));
        OrderJourney inFlight = record(OrderJourney.begin(ORDER), placed(ORDER, "alice"), T0);
        Instant later = T0.plus(Duration.ofHours(1));

        assertThat(finished.canBeForgottenAt(later)).isTrue();
        assertThat(finished.canBeForgottenAt(T0.plusSeconds(1))).isFalse();
        assertThat(inFlight.canBeForgottenAt(later)).isFalse();
        assertThat(record(OrderJourney.begin(ORDER), shipped(ORDER), T0).canBeForgottenAt(later))
                .as("a journey that never proved a step").isTrue();
    }

    private static OrderJourney record(OrderJourney journey, SagaEvent event, Instant at) {
        return journey.record(UUID.randomUUID(), event.getClass().getSimpleName(), "test", at, event);
    }
}
