package io.ordersaga.analytics.streams;

import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each order's {@link OrderJourney} and passes every event on exactly once, with the saga step before and
 * after it. An event whose id the journey has already seen is a duplicate on the topic and goes no further.
 *
 * <p>Journeys of finished orders are forgotten once stream time is {@code retention} past their last event, which
 * bounds the store; orders still in flight are kept, because they still count.
 */
final class OrderJourneyProcessor implements Processor<String, EventEnvelope<SagaEvent>, String, JourneyUpdate> {

    static final Duration FORGET_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(OrderJourneyProcessor.class);

    private final Duration retention;
    private ProcessorContext<String, JourneyUpdate> context;
    private KeyValueStore<String, OrderJourney> journeys;

    OrderJourneyProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, JourneyUpdate> context) {
        this.context = context;
        this.journeys = context.getStateStore(AnalyticsTopics.ORDER_JOURNEYS);
        context.schedule(FORGET_INTERVAL, PunctuationType.STREAM_TIME, this::forgetFinishedJourneys);
    }

    @Override
    public void process(Record<String, EventEnvelope<SagaEvent>> record) {
        EventEnvelope<SagaEvent> event = record.value();
        String orderId = event.data().orderId().toString();
        OrderJourney before = journeys.get(orderId);
        if (before == null) {
            before = OrderJourney.begin(event.data().orderId());
        } else if (before.hasSeen(event.eventId())) {
            log.debug("Skipping duplicate {} {} of order {}", event.eventType(), event.eventId(), orderId);
            return;
        }
        OrderJourney after = before.record(event.eventId(), event.eventType(), event.source(), event.timestamp(),
                event.data());
        journeys.put(orderId, after);
        context.forward(record.withKey(orderId).withValue(new JourneyUpdate(event, before.step(), after.step())));
    }

    private void forgetFinishedJourneys(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(retention);
        List<String> finished = new ArrayList<>();
        try (KeyValueIterator<String, OrderJourney> all = journeys.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.canBeForgottenAt(cutoff)) {
                    finished.add(entry.key);
                }
            });
        }
        finished.forEach(journeys::delete);
    }
}
