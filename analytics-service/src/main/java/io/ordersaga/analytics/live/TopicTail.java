package io.ordersaga.analytics.live;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.BurstAlert;
import io.ordersaga.analytics.streams.AnalyticsSerdes;
import io.ordersaga.analytics.streams.AnalyticsTopics;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.kafka.PoisonEventException;
import io.ordersaga.messaging.kafka.ReadModelFetch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Follows the saga topics and this service's output topics into the {@link LiveFeed}, starting a short backlog
 * before their ends. It is a plain consumer without a group, so it commits nothing and each instance sees every
 * record; it reads committed records only, so the feed never shows output of an aborted Streams transaction. It
 * fetches like every read model ({@link ReadModelFetch}): a few records at a time, at most a fifth of a second late.
 */
@Component
class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final List<String> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS,
            Topics.PAYMENT_EVENTS, Topics.SHIPPING_EVENTS, AnalyticsTopics.HIGH_VALUE_ORDERS,
            AnalyticsTopics.CUSTOMER_BURSTS);

    private final Map<String, Object> config;
    private final LiveFeed feed;
    private final int backlog;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    TopicTail(KafkaProperties kafka, LiveFeed feed, AnalyticsProperties properties,
              @Value("${spring.application.name}") String applicationName, Environment environment) {
        this.config = kafka.buildConsumerProperties();
        config.putAll(ReadModelFetch.consumerConfig(environment));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationName + "-live-feed");
        this.feed = feed;
        this.backlog = properties.feed().backlog();
    }

    /** The consumer's configuration, for tests. */
    Map<String, Object> consumerConfig() {
        return Map.copyOf(config);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::follow, "live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> tail =
                         new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = tail;
                assignWithBacklog(tail);
                while (running) {
                    tail.poll(POLL).forEach(this::route);
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (KafkaException e) {
                if (running) {
                    log.warn("The live feed lost its consumer ({}); starting a new one in {} s", e.getMessage(),
                            RETRY.toSeconds());
                    pause();
                }
            }
        }
    }

    private void assignWithBacklog(KafkaConsumer<String, byte[]> tail) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            tail.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        tail.assign(partitions);
        Map<TopicPartition, Long> beginnings = tail.beginningOffsets(partitions);
        tail.endOffsets(partitions).forEach((partition, end) ->
                tail.seek(partition, Math.max(beginnings.get(partition), end - backlog)));
    }

    private void route(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(AnalyticsTopics.CUSTOMER_BURSTS)) {
                feed.add(AnalyticsSerdes.JSON.readValue(record.value(), BurstAlert.class));
                return;
            }
            EventEnvelope<SagaEvent> event = codec.read(record.value(),
                    EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE));
            if (!record.topic().equals(AnalyticsTopics.HIGH_VALUE_ORDERS)) {
                feed.add(FeedItem.of(event));
            } else if (event.data() instanceof OrderCompleted completed) {
                feed.add(new HighValueOrder(completed.orderId(), completed.customerId(), completed.totalAmount(),
                        completed.currency(), event.timestamp()));
            }
        } catch (PoisonEventException | JacksonException | IllegalArgumentException e) {
            log.debug("The live feed skips an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
