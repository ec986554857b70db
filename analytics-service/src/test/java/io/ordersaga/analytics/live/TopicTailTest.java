package io.ordersaga.analytics.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.analytics.config.AnalyticsProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;

class TopicTailTest {

    @Test
    void fetchesLikeEveryReadModelAndReadsCommittedRecordsWithoutAGroup() {
        Map<String, Object> config = tail(new MockEnvironment()).consumerConfig();

        assertThat(config).containsEntry("fetch.min.bytes", 65_536).containsEntry("fetch.max.wait.ms", 200)
                .containsEntry("isolation.level", "read_committed").doesNotContainKey("group.id");
    }

    @Test
    void followsEveryRecordAtOnceWhenTheReadModelsAreToldNotToWait() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ordersaga.messaging.read-models.fetch-min-bytes", "1");

        assertThat(tail(environment).consumerConfig()).containsEntry("fetch.min.bytes", 1);
    }

    private static TopicTail tail(MockEnvironment environment) {
        return new TopicTail(new KafkaProperties(), new LiveFeed(), AnalyticsProperties.defaults(), "analytics-service",
                environment);
    }
}
