package io.ordersaga.analytics.streams;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.outOfStock;
import static io.ordersaga.analytics.SagaEvents.paid;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static io.ordersaga.analytics.SagaEvents.shipped;
import static io.ordersaga.analytics.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders by saga step, and placed/completed/cancelled-by-reason counts per second and per minute. */
class SagaCountersTest {

    private final TopologyFixture topology = new TopologyFixture();

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void ordersAreCountedAtTheStepTheyReachedAndLeaveItWhenTheyMoveOn() {
        UUID completedOrder = UUID.randomUUID();
        UUID declinedOrder = UUID.randomUUID();
        UUID waitingOrder = UUID.randomUUID();
        UUID payingOrder = UUID.randomUUID();
        fullSaga(completedOrder, "alice", T0);
        topology.send(placed(declinedOrder, "bob"), T0);
        topology.send(reserved(declinedOrder, "bob", "30.00"), T0);
        topology.send(cancelled(declinedOrder, "bob", CancellationReason.PAYMENT_DECLINED), T0);
        topology.send(placed(waitingOrder, "carol"), T0);
        topology.send(placed(payingOrder, "carol"), T0);
        topology.send(reserved(payingOrder, "carol", "30.00"), T0);

        assertThat(step("PLACED")).isEqualTo(1);
        assertThat(step("RESERVED")).isEqualTo(1);
        assertThat(step("PAID")).isZero();
        assertThat(step("COMPLETED")).isEqualTo(1);
        assertThat(step("CANCELLED")).isEqualTo(1);
    }

    @Test
    void aStepNeverMovesBackWhenEventsOfOneOrderArriveOutOfOrder() {
        UUID orderId = UUID.randomUUID();
        topology.send(paid(orderId, "alice", "30.00"), T0.plusSeconds(2));
        topology.send(placed(orderId, "alice"), T0);
        topology.send(reserved(orderId, "alice", "30.00"), T0.plusSeconds(1));

        assertThat(step("PAID")).isEqualTo(1);
        assertThat(step("PLACED")).isZero();
        assertThat(step("RESERVED")).isZero();
        assertThat(topology.journeys().get(orderId.toString()).timeline())
                .extracting(entry -> entry.eventType())
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentCompleted");
    }

    @Test
    void aCancellationIsFinalEvenIfAStaleEventFollows() {
        UUID orderId = UUID.randomUUID();
        topology.send(placed(orderId, "alice"), T0);
        topology.send(cancelled(orderId, "alice", CancellationReason.OUT_OF_STOCK), T0.plusSeconds(1));
        topology.send(reserved(orderId, "alice", "30.00"), T0.plusSeconds(2));

        assertThat(step("CANCELLED")).isEqualTo(1);
        assertThat(step("RESERVED")).isZero();
        assertThat(step("PLACED")).isZero();
    }

    @Test
    void duplicatesOnATopicCountOnce() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = topology.send(placed(orderId, "alice"), T0);
        EventEnvelope<SagaEvent> completed = topology.send(completed(orderId, "alice", "30.00"), T0.plusSeconds(1));
        topology.send(placed);
        topology.send(completed);

        assertThat(step("COMPLETED")).isEqualTo(1);
        assertThat(step("PLACED")).isZero();
        assertThat(perMinute("PLACED")).containsExactly(KeyValue.pair(T0, 1L));
        assertThat(perMinute("COMPLETED")).containsExactly(KeyValue.pair(T0, 1L));
        assertThat(topology.journeys().get(orderId.toString()).timeline()).hasSize(2);
    }

    @Test
    void outcomesAreCountedPerMinuteAndCancellationsPerReason() {
        fullSaga(UUID.randomUUID(), "alice", T0.plusSeconds(5));
        fullSaga(UUID.randomUUID(), "alice", T0.plusSeconds(65));
        cancel(CancellationReason.OUT_OF_STOCK, T0.plusSeconds(10));
        cancel(CancellationReason.OUT_OF_STOCK, T0.plusSeconds(20));
        cancel(CancellationReason.PAYMENT_DECLINED, T0.plusSeconds(70));

        Instant nextMinute = T0.plus(Duration.ofMinutes(1));
        assertThat(perMinute("PLACED")).containsExactly(KeyValue.pair(T0, 3L), KeyValue.pair(nextMinute, 2L));
        assertThat(perMinute("COMPLETED")).containsExactly(KeyValue.pair(T0, 1L), KeyValue.pair(nextMinute, 1L));
        assertThat(perMinute("CANCELLED:OUT_OF_STOCK")).containsExactly(KeyValue.pair(T0, 2L));
        assertThat(perMinute("CANCELLED:PAYMENT_DECLINED")).containsExactly(KeyValue.pair(nextMinute, 1L));
    }

    @Test
    void placedOrdersAreCountedPerSecondOfEventTime() {
        topology.send(placed(UUID.randomUUID(), "alice"), T0);
        topology.send(placed(UUID.randomUUID(), "bob"), T0.plusMillis(999));
        topology.send(placed(UUID.randomUUID(), "carol"), T0.plusMillis(1000));

        assertThat(topology.<Long>windows(AnalyticsTopics.MILESTONES_PER_SECOND, "PLACED"))
                .containsExactly(KeyValue.pair(T0, 2L), KeyValue.pair(T0.plusSeconds(1), 1L));
    }

    @Test
    void aLateOutcomeWithinTheGraceCountsInItsMinuteAndOneBeyondItDoesNot() {
        cancel(CancellationReason.OUT_OF_STOCK, T0.plusSeconds(10));
        topology.send(placed(UUID.randomUUID(), "bob"), T0.plusSeconds(110)); // stream time 10:01:50; grace 1 min

        cancel(CancellationReason.OUT_OF_STOCK, T0.plusSeconds(50));          // minute 10:00 closes at 10:02
        topology.send(placed(UUID.randomUUID(), "bob"), T0.plusSeconds(121)); // stream time 10:02:01
        cancel(CancellationReason.OUT_OF_STOCK, T0.plusSeconds(55));

        assertThat(perMinute("CANCELLED:OUT_OF_STOCK")).containsExactly(KeyValue.pair(T0, 2L));
    }

    @Test
    void theJourneyOfAnOrderIsItsTimelineInEventTimeOrder() {
        UUID orderId = UUID.randomUUID();
        topology.send(outOfStock(orderId), T0.plusSeconds(1));
        topology.send(placed(orderId, "alice"), T0);
        topology.send(cancelled(orderId, "alice", CancellationReason.OUT_OF_STOCK), T0.plusSeconds(2));

        assertThat(topology.journeys().get(orderId.toString())).satisfies(journey -> {
            assertThat(journey.customerId()).isEqualTo("alice");
            assertThat(journey.cancellationReason()).isEqualTo("OUT_OF_STOCK");
            assertThat(journey.timeline()).extracting(entry -> entry.eventType() + ": " + entry.summary())
                    .containsExactly("OrderPlaced: 1× BOOK-EDA to DE",
                            "InventoryReservationFailed: not reserved: OUT_OF_STOCK BOOK-EDA",
                            "OrderCancelled: cancelled: OUT_OF_STOCK");
        });
    }

    @Test
    void finishedJourneysAreForgottenAfterTheRetentionWhileOrdersInFlightAreKept() {
        UUID finished = UUID.randomUUID();
        UUID inFlight = UUID.randomUUID();
        fullSaga(finished, "alice", T0);
        topology.send(placed(inFlight, "bob"), T0);
        topology.send(placed(UUID.randomUUID(), "carol"), T0.plus(Duration.ofMinutes(29)));
        assertThat(topology.journeys().get(finished.toString())).isNotNull();

        topology.send(placed(UUID.randomUUID(), "carol"), T0.plus(Duration.ofMinutes(31)));

        assertThat(topology.journeys().get(finished.toString())).isNull();
        assertThat(topology.journeys().get(inFlight.toString())).isNotNull();
        assertThat(step("COMPLETED")).as("forgetting changes no count").isEqualTo(1);
        assertThat(step("PLACED")).isEqualTo(3);
    }

    private void fullSaga(UUID orderId, String customerId, Instant at) {
        topology.send(placed(orderId, customerId), at);
        topology.send(reserved(orderId, customerId, "30.00"), at);
        topology.send(paid(orderId, customerId, "30.00"), at);
        topology.send(shipped(orderId), at);
        topology.send(completed(orderId, customerId, "30.00"), at);
    }

    private void cancel(CancellationReason reason, Instant at) {
        UUID orderId = UUID.randomUUID();
        topology.send(placed(orderId, "dave"), at);
        topology.send(cancelled(orderId, "dave", reason), at);
    }

    private long step(String step) {
        Long count = topology.aggregate(AnalyticsTopics.ORDERS_BY_STEP, step);
        return count == null ? 0 : count;
    }

    private java.util.List<KeyValue<Instant, Long>> perMinute(String milestone) {
        return topology.windows(AnalyticsTopics.MILESTONES_PER_MINUTE, milestone);
    }
}
