package io.ordersaga.analytics.streams;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology in Kafka's {@link TopologyTestDriver}, fed envelopes as the services would write them. Time is
 * event time: each envelope's timestamp is chosen by the test, and the record's own timestamp is set elsewhere on
 * purpose, so a test fails if the topology windows by the wrong clock.
 */
final class TopologyFixture implements AutoCloseable {

    static final String APPLICATION_ID = "analytics-service";
    /** A window boundary for every window size used here. */
    static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
    /** The broker's append time in these tests: days away from every event time. */
    private static final Instant RECORD_TIME = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, EventEnvelope<SagaEvent>>> inputs = new HashMap<>();
    private final Serde<EventEnvelope<SagaEvent>> envelopes = AnalyticsSerdes.envelopes();

    TopologyFixture() {
        this(AnalyticsProperties.defaults());
    }

    TopologyFixture(AnalyticsProperties properties) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology(properties), config, RECORD_TIME);
        for (String topic : Topics.SAGA_TOPICS) {
            inputs.put(topic, driver.createInputTopic(topic, new StringSerializer(), envelopes.serializer()));
        }
    }

    static Topology topology(AnalyticsProperties properties) {
        StreamsBuilder builder = new StreamsBuilder();
        new AnalyticsTopology(properties).build(builder);
        return builder.build();
    }

    static EventEnvelope<SagaEvent> envelope(SagaEvent event, Instant at) {
        EventType type = EventType.of(event.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(), at, "test", event,
                new EventMetadata(event.orderId().toString(), UUID.randomUUID().toString()));
    }

    /** Sends {@code event} at event time {@code at}; returns its envelope, so a test can deliver it again. */
    EventEnvelope<SagaEvent> send(SagaEvent event, Instant at) {
        EventEnvelope<SagaEvent> envelope = envelope(event, at);
        send(envelope);
        return envelope;
    }

    void send(EventEnvelope<SagaEvent> envelope) {
        EventType type = EventType.fromId(envelope.eventType()).orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, type.id().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_ID, envelope.eventId().toString().getBytes(StandardCharsets.UTF_8));
        inputs.get(type.topic()).pipeInput(new TestRecord<>(envelope.data().orderId().toString(), envelope,
                headers, RECORD_TIME));
    }

    TestOutputTopic<String, EventEnvelope<SagaEvent>> highValueOrders() {
        return driver.createOutputTopic(AnalyticsTopics.HIGH_VALUE_ORDERS, new StringDeserializer(),
                envelopes.deserializer());
    }

    TestOutputTopic<String, String> customerBursts() {
        return driver.createOutputTopic(AnalyticsTopics.CUSTOMER_BURSTS, new StringDeserializer(),
                new StringDeserializer());
    }

    /** The value of an aggregate's key-value store (null when absent). */
    <V> V aggregate(String store, String key) {
        ValueAndTimestamp<V> value = driver.<String, V>getTimestampedKeyValueStore(store).get(key);
        return value == null ? null : value.value();
    }

    KeyValueStore<String, OrderJourney> journeys() {
        return driver.getKeyValueStore(AnalyticsTopics.ORDER_JOURNEYS);
    }

    /** The windows of {@code key} in an aggregate's window store, as (window start, value), oldest first. */
    <V> List<KeyValue<Instant, V>> windows(String store, String key) {
        WindowStore<String, ValueAndTimestamp<V>> windows = driver.getTimestampedWindowStore(store);
        List<KeyValue<Instant, V>> found = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<V>> all = windows.fetch(key, Instant.EPOCH, FAR_FUTURE)) {
            all.forEachRemaining(window -> found.add(KeyValue.pair(Instant.ofEpochMilli(window.key),
                    window.value.value())));
        }
        return found;
    }

    @Override
    public void close() {
        driver.close();
    }
}
