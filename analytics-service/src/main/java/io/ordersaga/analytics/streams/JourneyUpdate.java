package io.ordersaga.analytics.streams;

import io.ordersaga.analytics.domain.SagaStep;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;

/**
 * An event seen for the first time, with the saga step of its order before and after it. Duplicates never become
 * updates, so everything downstream counts each event once.
 *
 * @param before {@code null} for an order not seen before, or one whose step is not known yet
 * @param after  {@code null} while no event has proved a step
 */
record JourneyUpdate(EventEnvelope<SagaEvent> event, SagaStep before, SagaStep after) {

    SagaEvent data() {
        return event.data();
    }

    boolean changedStep() {
        return before != after;
    }
}
