package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The meters are resolved once per listener, topic and event type, not per record. A meter removed from the registry
 * after the first record shows it: the cached instance keeps counting and nothing registers it again, whereas a
 * lookup per record would register a fresh one.
 */
class ListenerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListenerMetrics metrics = new ListenerMetrics(registry);

    @Test
    void timesEachDeliveryWithTheTimerResolvedAtTheFirstRecord() {
        handle(record("OrderPlaced", 0));
        Timer timer = registry.get(ListenerMetrics.PROCESSING).tags("event_type", "OrderPlaced", "outcome", "success")
                .timer();
        registry.remove(timer);

        handle(record("OrderPlaced", 1));
        handle(record("OrderPlaced", 2));

        assertThat(timer.count()).as("the first record's timer times the later ones").isEqualTo(3);
        assertThat(registry.find(ListenerMetrics.PROCESSING).timers()).as("timers registered again").isEmpty();
    }

    @Test
    void countsWithTheCountersRegisteredAtTheFirstRecord() {
        ConsumerRecord<Object, Object> first = record("OrderPlaced", 0);
        handle(first);
        Counter failures = registry.get(ListenerMetrics.FAILURES).tags("event_type", "OrderPlaced").counter();
        registry.remove(failures);

        metrics.failedDelivery(record("OrderPlaced", 1), new IllegalStateException("boom"), 1);

        assertThat(failures.count()).isEqualTo(1);
        assertThat(registry.find(ListenerMetrics.FAILURES).counters()).as("failure counters registered again")
                .isEmpty();
    }

    @Test
    void keepsOneSeriesPerListenerTopicAndEventTypeWithTheSameTagsAsBefore() {
        handle(record("OrderPlaced", 0));
        handle(record("OrderPlaced", 1));
        handle(record("OrderCancelled", 2));
        metrics.failedDelivery(record("OrderCancelled", 3), new IllegalStateException("boom"), 1);
        handle(record("OrderCancelled", 3));
        metrics.recovered(record("no-such-type", 4), new IllegalStateException("poison"));

        assertThat(timer("OrderPlaced").count()).isEqualTo(2);
        assertThat(timer("OrderCancelled").count()).isEqualTo(2);
        assertThat(counter(ListenerMetrics.FAILURES, "OrderCancelled")).isEqualTo(1);
        assertThat(counter(ListenerMetrics.RETRIES, "OrderCancelled")).as("the redelivery of offset 3").isEqualTo(1);
        assertThat(counter(ListenerMetrics.RETRIES, "OrderPlaced")).isZero();
        assertThat(counter(ListenerMetrics.DEAD_LETTERS, ListenerMetrics.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(registry.get(ListenerMetrics.FAILURES).counters()).as("one failure series per event type")
                .hasSize(3);
    }

    private void handle(ConsumerRecord<Object, Object> record) {
        metrics.intercept(record, null);
        metrics.success(record, null);
    }

    private Timer timer(String eventType) {
        return registry.get(ListenerMetrics.PROCESSING).tags("group", "none", "topic", Topics.ORDER_EVENTS,
                "event_type", eventType, "outcome", "success").timer();
    }

    private double counter(String name, String eventType) {
        return registry.get(name).tags("group", "none", "topic", Topics.ORDER_EVENTS, "event_type", eventType)
                .counter().count();
    }

    private static ConsumerRecord<Object, Object> record(String eventType, long offset) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>(Topics.ORDER_EVENTS, 0, offset, "key", "{}");
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
