package io.ordersaga.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

class PollCommitsTest {

    private static final TopicPartition SKIPPED_TAIL = new TopicPartition("inventory.events", 0);
    private static final TopicPartition QUIET = new TopicPartition("inventory.events", 1);

    @Test
    void commitsOnATimerAndAnIdleConsumerLooksAtItAsOftenAsTheInterval() {
        KafkaMessageListenerContainer<Object, Object> container = container();

        new PollCommits(Duration.ofSeconds(1)).postProcess(container);

        ContainerProperties properties = container.getContainerProperties();
        assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(properties.getAckTime()).isEqualTo(1_000);
        // Without the cap an idle consumer would look at the timer only every 5 s (the default poll timeout).
        assertThat(properties.getPollTimeout()).isEqualTo(1_000);
    }

    @Test
    void aLongIntervalLeavesAShorterPollTimeoutAlone() {
        KafkaMessageListenerContainer<Object, Object> container = container();

        new PollCommits(Duration.ofHours(1)).postProcess(container);

        assertThat(container.getContainerProperties().getPollTimeout())
                .isEqualTo(ContainerProperties.DEFAULT_POLL_TIMEOUT);
    }

    @Test
    void anIdleConsumerCommitsItsPositionsOnceWhereTheyMoved() {
        PollCommits commits = new PollCommits(Duration.ofSeconds(1));
        KafkaMessageListenerContainer<Object, Object> container = container();
        commits.postProcess(container);
        assertThat(container.getContainerProperties().getIdleEventInterval()).isEqualTo(1_000);
        CountingConsumer consumer = new CountingConsumer();
        consumer.assign(List.of(SKIPPED_TAIL, QUIET));
        consumer.seek(SKIPPED_TAIL, 50);
        consumer.seek(QUIET, 7);
        // The timer's commit of the skipped tail did not happen: the group stands at 49 on that partition.
        consumer.commitSync(Map.of(SKIPPED_TAIL, new OffsetAndMetadata(49), QUIET, new OffsetAndMetadata(7)));
        consumer.commits = 0;

        commits.onApplicationEvent(idle(container, consumer));

        assertThat(consumer.committed(Set.of(SKIPPED_TAIL)).get(SKIPPED_TAIL).offset()).isEqualTo(50);
        assertThat(consumer.committed(Set.of(QUIET)).get(QUIET).offset()).isEqualTo(7);
        assertThat(consumer.commits).isEqualTo(1);

        commits.onApplicationEvent(idle(container, consumer));
        assertThat(consumer.commits).as("still idle, nothing moved: no second commit").isEqualTo(1);

        consumer.seek(SKIPPED_TAIL, 53);
        commits.onApplicationEvent(idle(container, consumer));
        assertThat(consumer.committed(Set.of(SKIPPED_TAIL)).get(SKIPPED_TAIL).offset()).isEqualTo(53);
        assertThat(consumer.commits).isEqualTo(2);
    }

    @Test
    void theIdleEventsOfOtherContainersCommitNothing() {
        PollCommits commits = new PollCommits(Duration.ofSeconds(1));
        commits.postProcess(container());
        CountingConsumer consumer = new CountingConsumer();
        consumer.assign(List.of(SKIPPED_TAIL));
        consumer.seek(SKIPPED_TAIL, 50);

        commits.onApplicationEvent(idle(container(), consumer));

        assertThat(consumer.commits).isZero();
    }

    private static ListenerContainerIdleEvent idle(Object container, Consumer<?, ?> consumer) {
        return new ListenerContainerIdleEvent(container, container, 1_000, "listener",
                consumer.assignment(), consumer, false);
    }

    /** A mock consumer that counts its commits. */
    private static final class CountingConsumer extends MockConsumer<String, String> {

        int commits;

        CountingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits++;
            super.commitSync(offsets);
        }
    }

    private static KafkaMessageListenerContainer<Object, Object> container() {
        return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()),
                new ContainerProperties("any"));
    }
}
