package io.ordersaga.messaging.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.ordersaga.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Event lag and dead-letter depth, as the broker sees them, refreshed every {@code interval}:
 *
 * <ul>
 *   <li>{@value #LAG}{@code {group, topic, partition}}: records on the partition that the group has not processed
 *       (committed) yet, for each consumer group of this service's listeners. It is the group's lag, read from the
 *       broker's committed offsets, not one consumer's view: every instance of a service reports the same value
 *       (take {@code max} across instances), and it is right straight after a restart or a rebalance.</li>
 *   <li>{@value #DEAD_LETTER_DEPTH}{@code {topic}}: records on the dead-letter topic of each topic and consumer group
 *       of this service's listeners (replayed ones included, until retention removes them;
 *       {@code /admin/dead-letters} tells pending from decided).</li>
 * </ul>
 *
 * While the broker does not answer, the series are removed: a gap on the graph instead of a stale number.
 */
final class KafkaGroupMetrics implements SmartLifecycle {

    static final String LAG = "ordersaga.consumer.lag";
    static final String DEAD_LETTER_DEPTH = "ordersaga.deadletter.depth";

    private static final Logger log = LoggerFactory.getLogger(KafkaGroupMetrics.class);

    private final BrokerClient broker;
    private final Supplier<Map<String, Set<String>>> subscriptions;
    private final Duration interval;
    private final MultiGauge lag;
    private final MultiGauge deadLetters;
    private ScheduledExecutorService scheduler;
    private boolean brokerWasDown;

    /** @param subscriptions the topics of each consumer group of the service's listeners */
    KafkaGroupMetrics(BrokerClient broker, Supplier<Map<String, Set<String>>> subscriptions, Duration interval,
                      MeterRegistry registry) {
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.interval = interval;
        this.lag = MultiGauge.builder(LAG)
                .description("Records on a partition that the consumer group has not processed (committed) yet")
                .register(registry);
        this.deadLetters = MultiGauge.builder(DEAD_LETTER_DEPTH)
                .description("Records on a dead-letter topic of this service")
                .register(registry);
    }

    /** Reads the offsets once and publishes them. */
    void refresh() {
        Map<String, Set<String>> groups = subscriptions.get();
        try {
            lag.register(lagRows(groups), true);
            deadLetters.register(deadLetterRows(groups), true);
            brokerWasDown = false;
        } catch (BrokerClient.BrokerUnavailableException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping
            }
            if (!brokerWasDown) {
                log.info("Lag and dead-letter gauges paused, the broker does not answer: {}", e.getMessage());
            }
            brokerWasDown = true;
            lag.register(List.of(), true);
            deadLetters.register(List.of(), true);
        }
    }

    /** A partition the group has committed nothing on yet is behind by all its records (offset reset: earliest). */
    private List<MultiGauge.Row<?>> lagRows(Map<String, Set<String>> groups) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        groups.forEach((group, topics) -> {
            List<TopicPartition> partitions = broker.partitions(topics);
            Map<TopicPartition, Long> committed = broker.committedOffsets(group);
            Map<TopicPartition, Long> first = broker.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = broker.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long position = committed.getOrDefault(partition, first.getOrDefault(partition, 0L));
                long behind = Math.max(0, end.getOrDefault(partition, position) - position);
                rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition())), behind));
            }
        });
        return rows;
    }

    private List<MultiGauge.Row<?>> deadLetterRows(Map<String, Set<String>> groups) {
        Set<String> deadLetterTopics = new TreeSet<>();
        groups.forEach((group, topics) -> topics.forEach(topic -> deadLetterTopics.add(Topics.deadLetter(topic, group))));
        List<TopicPartition> partitions = broker.partitions(deadLetterTopics);
        Map<TopicPartition, Long> first = broker.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = broker.endOffsets(partitions);
        Map<String, Long> depth = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            long records = end.getOrDefault(partition, 0L) - first.getOrDefault(partition, 0L);
            depth.merge(partition.topic(), Math.max(0, records), Long::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        depth.forEach((topic, records) -> rows.add(MultiGauge.Row.of(Tags.of("topic", topic), records)));
        return rows;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-group-metrics");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the lag and dead-letter gauges", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
