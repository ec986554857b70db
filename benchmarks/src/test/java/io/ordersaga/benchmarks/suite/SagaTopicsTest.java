package io.ordersaga.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SagaTopicsTest {

    @Test
    void theProfileIsNamedFromTheReadModelGroupsThatHaveConsumers() {
        assertThat(SagaTopics.profile(List.of("order-service-timeline", "analytics-service")))
                .startsWith(SagaTopics.FULL);
        assertThat(SagaTopics.profile(List.of()))
                .isEqualTo("saga only (no consumer in order-service-timeline or analytics-service)");
        assertThat(SagaTopics.profile(List.of("analytics-service")))
                .isEqualTo("partial (read-model groups with consumers: analytics-service)");
    }
}
