package io.ordersaga.benchmarks.load;

import io.ordersaga.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows every order on {@code order.events} ({@link OrderEvents}), so latency comes from the order's own events
 * and not from how often someone polls it: an order ends when its terminal event reaches this consumer, which
 * long-polls (a fetch returns as soon as a record is there). The tap reads from the end of the topic as it was
 * when the tap started, with no consumer group, so it never disturbs the services' consumers. Following hops, it
 * reads all four saga topics.
 */
public final class OrderTap implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final OrderEvents events;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public OrderTap(String bootstrapServers) {
        this(bootstrapServers, false);
    }

    public OrderTap(String bootstrapServers, boolean hops) {
        events = new OrderEvents(hops);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ordersaga-benchmark-tap");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = (hops ? Topics.SAGA_TOPICS : List.of(Topics.ORDER_EVENTS)).stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before any order of the run is placed
        thread = new Thread(this::run, "order-tap");
        thread.setDaemon(true);
        thread.start();
    }

    public Optional<OrderEvents.SagaTimes> order(UUID orderId) {
        return events.order(orderId);
    }

    /** Orders that ended since the tap started, of this run or any other client's. */
    public long endedCount() {
        return events.endedCount();
    }

    /** The tap's failure, if its consumer stopped; the run cannot measure without it. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                long received = WallClock.nowMicros(); // one reading per poll: its records arrived together
                for (ConsumerRecord<String, byte[]> record : records) {
                    Header type = record.headers().lastHeader("eventType");
                    if (type != null) {
                        events.accept(new String(type.value(), StandardCharsets.UTF_8), record.key(),
                                record.value(), record.timestamp(), received);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
