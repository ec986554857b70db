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
 * offsets of every finished poll are committed at most {@code interval} after the last commit, checked at each poll,
 * and always when partitions are revoked or the consumer stops. The container's poll timeout is capped at the same
 * interval, so an idle consumer also looks at its timer that often: skipped offsets are committed within about two
 * intervals, and a group's lag returns to 0 that soon after a tail of skipped records (the fault suite and the tests
 * wait for that). A shorter poll timeout costs no broker round trips: the fetch itself waits on the broker for
 * {@code fetch.max.wait.ms} whatever the poll timeout is. A crash in between re-reads only skipped records, which are skipped
 * again. A commit never passes a record that was not processed: the container only commits finished polls, and the
 * error handler commits the records before a failed one, as before.
 */
public final class PollCommits implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> {

    /** The bean to name in {@code @KafkaListener(containerPostProcessor = ...)}. */
    public static final String BEAN = "ordersagaPollCommits";
    /** The longest a finished poll waits for its commit (twice that at most when the consumer is idle). */
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
        properties.setPollTimeout(Math.min(properties.getPollTimeout(), Math.max(1, interval.toMillis())));
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
