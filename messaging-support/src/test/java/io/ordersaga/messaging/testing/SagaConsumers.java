package io.ordersaga.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** For the services' tests: a service reads its saga topics through one consumer (docs/performance.md, section 10). */
public final class SagaConsumers {

    private SagaConsumers() {
    }

    /**
     * Asserts that the service's consumer group {@code group} has exactly one listener container, subscribed to
     * exactly {@code topics}, and that it gets partitions of every one of them.
     */
    public static void assertOneConsumerFor(KafkaListenerEndpointRegistry listeners, String group, String... topics) {
        List<MessageListenerContainer> containers = listeners.getListenerContainers().stream()
                .filter(container -> group.equals(container.getGroupId())).toList();
        assertThat(containers).as("listener containers of group %s", group).hasSize(1);
        MessageListenerContainer container = containers.get(0);
        assertThat(container.getContainerProperties().getTopics()).containsExactlyInAnyOrder(topics);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(container.getAssignedPartitions())
                .extracting(TopicPartition::topic).containsOnly(topics).contains(topics));
    }
}
