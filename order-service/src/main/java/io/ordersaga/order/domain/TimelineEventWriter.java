package io.ordersaga.order.domain;

import java.time.Instant;
import java.util.List;

/** How the timeline's events are written: the events of a whole poll in one statement. */
public interface TimelineEventWriter {

    /**
     * Adds the events to their orders' timelines; an event recorded before is left as it is.
     *
     * @return how many of them were new
     */
    int recordAll(List<TimelineEvent> events, Instant recordedAt);
}
