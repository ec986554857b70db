package io.ordersaga.messaging.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * When a saga consumer ({@link io.ordersaga.messaging.inbox.InboxListener}) commits its offsets. A poll that handled
 * something is committed at once ({@link #commitNow}), as in ack mode BATCH. A poll whose records were all skipped
 * (types the service does not handle) is not committed on its own: its container runs in ack mode TIME, so the
 * offsets of every finished poll are committed at most {@code interval} after the last commit, checked at each poll
 * (an idle consumer polls every {@code spring.kafka.listener.poll-timeout}, 5 s by default), and always when
 * partitions are revoked or the consumer stops. A crash in between re-reads only skipped records, which are skipped
 * again. A commit never passes a record that was not processed: the container only commits finished polls, and the
 * error handler commits the records before a failed one, as before.
 */
public final class PollCommits implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> {

    /** The bean to name in {@code @KafkaListener(containerPostProcessor = ...)}. */
    public static final String BEAN = "ordersagaPollCommits";
    /** The longest a finished poll waits for its commit (plus at most one poll timeout when idle). */
    public static final String INTERVAL_PROPERTY = "ordersaga.messaging.batch.commit-interval";

    private static final Logger log = LoggerFactory.getLogger(PollCommits.class);

    private final Duration interval;

    public PollCommits(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
        ContainerProperties properties = container.getContainerProperties();
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        properties.setAckTime(interval.toMillis());
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
