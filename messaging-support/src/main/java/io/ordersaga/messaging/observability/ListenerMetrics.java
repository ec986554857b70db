package io.ordersaga.messaging.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.ordersaga.events.EventType;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Processing time and errors of every listener, identified by its consumer group and the record's topic, per event
 * type. As the listener containers' {@link RecordInterceptor} it times each delivery; as the
 * error handler's {@link RetryListener} it counts failed deliveries, redeliveries and dead letters. As a batch
 * listener's {@link BatchInterceptor} it times the whole poll (one transaction) and records each record's share of it,
 * so the timer counts records in both modes.
 *
 * <p>A redelivery is recognised on the consumer thread: the error handler seeks back to a failed record and the same
 * thread receives it again, unless the record was dead-lettered instead.
 *
 * <p>The three counters of a listener and event type are registered at zero with its first record, so the first
 * failure already shows as an increase (a counter that appears at 1 looks unchanged to {@code rate()}).
 *
 * <p>The meters are resolved once per listener, topic and event type (and outcome, for the timer) and kept in maps:
 * building and registering them for every record cost a registry lookup, tag sorting and id hashing per record.
 */
final class ListenerMetrics implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object>, RetryListener {

    static final String PROCESSING = "ordersaga.listener.processing";
    static final String FAILURES = "ordersaga.listener.failures";
    static final String RETRIES = "ordersaga.listener.retries";
    static final String DEAD_LETTERS = "ordersaga.listener.dead.letters";
    /** For a record whose eventType header names no known event (poison), so tags stay a bounded set. */
    static final String UNKNOWN_TYPE = "unknown";

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<Key, Counters> counters = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final ThreadLocal<Timer.Sample> inFlight = new ThreadLocal<>();
    private final ThreadLocal<Position> awaitingRedelivery = new ThreadLocal<>();
    private final ThreadLocal<Long> batchStarted = new ThreadLocal<>();

    ListenerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        Counters meters = counters(record);
        if (Position.of(record).equals(awaitingRedelivery.get())) {
            meters.retries().increment();
        }
        awaitingRedelivery.remove();
        inFlight.set(Timer.start(registry));
        return record;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        Position redelivered = awaitingRedelivery.get();
        for (ConsumerRecord<Object, Object> record : records) {
            Counters meters = counters(record);
            if (Position.of(record).equals(redelivered)) {
                meters.retries().increment();
            }
        }
        awaitingRedelivery.remove();
        batchStarted.set(System.nanoTime());
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        stopBatchTimer(records, "success");
    }

    @Override
    public void failure(ConsumerRecords<Object, Object> records, Exception exception,
                        Consumer<Object, Object> consumer) {
        stopBatchTimer(records, "failure");
    }

    private void stopBatchTimer(ConsumerRecords<Object, Object> records, String outcome) {
        Long started = batchStarted.get();
        batchStarted.remove();
        if (started == null || records.isEmpty()) {
            return;
        }
        long share = (System.nanoTime() - started) / records.count();
        for (ConsumerRecord<Object, Object> record : records) {
            if (record.value() != null) { // a poison record reached no handler: nothing to time
                processingTimer(record, outcome).record(share, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        stopTimer(record, "success");
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        stopTimer(record, "failure");
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
        counters(record).failures().increment();
        awaitingRedelivery.set(Position.of(record));
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
        counters(record).deadLetters().increment();
        awaitingRedelivery.remove();
    }

    private void stopTimer(ConsumerRecord<?, ?> record, String outcome) {
        Timer.Sample sample = inFlight.get();
        inFlight.remove();
        if (sample == null) {
            return; // a poison record: it failed before reaching the listener, so there is no processing to time
        }
        sample.stop(processingTimer(record, outcome));
    }

    private Timer processingTimer(ConsumerRecord<?, ?> record, String outcome) {
        return timers.computeIfAbsent(new TimerKey(Key.of(record), outcome), key -> Timer.builder(PROCESSING)
                .description("Time a listener took to handle one delivery of a record")
                .tags(key.listener().tags().and("outcome", outcome))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    /** Registers the listener's three counters for the record's event type at its first record. */
    private Counters counters(ConsumerRecord<?, ?> record) {
        return counters.computeIfAbsent(Key.of(record), key -> new Counters(counter(FAILURES, key),
                counter(RETRIES, key), counter(DEAD_LETTERS, key)));
    }

    private Counter counter(String name, Key key) {
        return Counter.builder(name).tags(key.tags()).register(registry);
    }

    /** A listener (its consumer group) and what it consumed: the tags every meter of this class carries. */
    private record Key(String group, String topic, String eventType) {
        static Key of(ConsumerRecord<?, ?> record) {
            String group = KafkaUtils.getConsumerGroupId();
            return new Key(group == null ? "none" : group, record.topic(), ListenerMetrics.eventType(record));
        }

        Tags tags() {
            return Tags.of("group", group, "topic", topic, "event_type", eventType);
        }
    }

    private record TimerKey(Key listener, String outcome) {
    }

    private record Counters(Counter failures, Counter retries, Counter deadLetters) {
    }

    static String eventType(ConsumerRecord<?, ?> record) {
        String header = EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE);
        return header == null ? UNKNOWN_TYPE : EventType.fromId(header).map(EventType::id).orElse(UNKNOWN_TYPE);
    }

    private record Position(String topic, int partition, long offset) {
        static Position of(ConsumerRecord<?, ?> record) {
            return new Position(Objects.requireNonNull(record.topic()), record.partition(), record.offset());
        }
    }
}
