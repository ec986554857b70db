package io.ordersaga.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

class PollCommitsTest {

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

    private static KafkaMessageListenerContainer<Object, Object> container() {
        return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()),
                new ContainerProperties("any"));
    }
}
