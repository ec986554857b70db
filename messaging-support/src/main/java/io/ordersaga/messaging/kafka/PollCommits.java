package io.ordersaga.messaging.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * When a saga consumer ({@link io.ordersaga.messaging.inbox.InboxListener}) commits its offsets. A poll that handled
 * something is committed at once ({@link #commitNow}), as in ack mode BATCH. A poll whose records were all skipped
 * (types the service does not handle) is not committed on its own: its container runs in ack mode TIME, so the
 * offsets of every finished poll are committed at most {@code interval} after the last commit, checked at each poll,
 * and always when partitions are revoked or the consumer stops. The container's poll timeout is capped at the same
 * interval, so an idle consumer also looks at its timer that often: skipped offsets are committed within about two
 * intervals, and a group's lag returns to 0 that soon after a tail of skipped records (the fault suite and the tests
 * wait for that). A shorter poll timeout costs no broker round trips: the fetch itself waits on the broker for
 * {@code fetch.max.wait.ms} whatever the poll timeout is. A crash in between re-reads only skipped records, which are skipped
 * again. A commit never passes a record that was not processed: the container only commits finished polls, and the
 * error handler commits the records before a failed one, as before.
 *
 * <p>And a safety net, for a commit the timer did not make: the system tests once saw a consumer group stay one
 * skipped record behind for a minute while its only consumer sat idle, though the next record on another partition
 * was handled at once. A consumer that has had no records for {@code interval} (spring-kafka's idle event, published
 * on the consumer's own thread) commits its positions, where they moved since its last such commit. Its position on
 * a partition is the next record a poll would return: every record before it was returned to the listener, which
 * handled it before this poll (or the error handler moved the position back to the record that failed). So this
 * commits nothing that was not processed, costs one commit per consumer after a burst of records and none while
 * nothing moves.
 */
public final class PollCommits implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>>,
        ApplicationListener<ListenerContainerIdleEvent> {

    /** The bean to name in {@code @KafkaListener(containerPostProcessor = ...)}. */
    public static final String BEAN = "ordersagaPollCommits";
    /** The longest a finished poll waits for its commit (twice that at most when the consumer is idle). */
    public static final String INTERVAL_PROPERTY = "ordersaga.messaging.batch.commit-interval";

    private static final Logger log = LoggerFactory.getLogger(PollCommits.class);

    private final Duration interval;
    /** The containers this set up: only their idle events commit positions. */
    private final Set<Object> containers = ConcurrentHashMap.newKeySet();
    /** Per consumer, the positions its last idle commit committed, so that an idle consumer commits once. */
    private final Map<Consumer<?, ?>, Map<TopicPartition, Long>> idleCommits =
            Collections.synchronizedMap(new WeakHashMap<>());

    public PollCommits(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
        ContainerProperties properties = container.getContainerProperties();
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        properties.setAckTime(interval.toMillis());
        properties.setPollTimeout(Math.min(properties.getPollTimeout(), Math.max(1, interval.toMillis())));
        properties.setIdleEventInterval(Math.max(1, interval.toMillis()));
        containers.add(container);
    }

    /** An idle consumer of a container set up here commits its positions where they moved (see the class). */
    @Override
    public void onApplicationEvent(ListenerContainerIdleEvent event) {
        if (!containers.contains(event.getContainer(MessageListenerContainer.class))
                || event.getTopicPartitions() == null) {
            return;
        }
        Consumer<?, ?> consumer = event.getConsumer();
        Map<TopicPartition, Long> committed = idleCommits.computeIfAbsent(consumer, c -> new HashMap<>());
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition partition : event.getTopicPartitions()) {
            try {
                long position = consumer.position(partition, Duration.ZERO);
                if (!Long.valueOf(position).equals(committed.get(partition))) {
                    moved.put(partition, new OffsetAndMetadata(position));
                }
            } catch (KafkaException | IllegalStateException e) {
                // No position known yet (nothing fetched there), or no longer assigned: nothing to commit there.
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(moved);
            moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            log.debug("An idle consumer committed its positions {}", moved);
        } catch (KafkaException e) {
            log.debug("An idle consumer could not commit its positions {}, it tries again when next idle: {}", moved,
                    e.toString());
        }
    }

    /**
     * Commits the poll's offsets now, on the listener's thread. If the broker refuses (a rebalance under way, a
     * stopping consumer), the container still commits them, at the latest on revocation, so this only logs.
     */
    public static void commitNow(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            log.warn("Could not commit a handled poll's offsets at once, the container commits them later: {}",
                    e.toString());
        }
    }
}
