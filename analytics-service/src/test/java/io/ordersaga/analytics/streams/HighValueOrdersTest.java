package io.ordersaga.analytics.streams;

import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.paid;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.math.BigDecimal;
import java.util.UUID;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HighValueOrdersTest {

    private TopologyFixture topology = new TopologyFixture();

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void completedOrderOverTheThresholdIsForwardedAsTheSameEnvelopeWithItsHeaders() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> completion = topology.send(completed(orderId, "alice", "150.00"), T0);

        TestRecord<String, EventEnvelope<SagaEvent>> record = topology.highValueOrders().readRecord();

        assertThat(record.key()).isEqualTo(orderId.toString());
        assertThat(record.value()).isEqualTo(completion);
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value()))
                .isEqualTo("OrderCompleted");
        assertThat(record.getRecordTime()).as("event time").isEqualTo(T0);
    }

    @Test
    void onlyTotalsStrictlyOverTheThresholdCount() {
        topology.send(completed(UUID.randomUUID(), "alice", "100.00"), T0);
        topology.send(completed(UUID.randomUUID(), "alice", "99.99"), T0);
        UUID overByACent = UUID.randomUUID();
        topology.send(completed(overByACent, "alice", "100.01"), T0);

        assertThat(topology.highValueOrders().readKeyValuesToList().stream().map(kv -> kv.key).toList()).containsExactly(overByACent.toString());
    }

    @Test
    void otherEventsOfHighValueOrdersAreNotForwarded() {
        UUID orderId = UUID.randomUUID();
        topology.send(placed(orderId, "alice"), T0);
        topology.send(paid(orderId, "alice", "500.00"), T0);

        assertThat(topology.highValueOrders().isEmpty()).isTrue();
    }

    @Test
    void aDuplicateCompletionIsForwardedOnce() {
        EventEnvelope<SagaEvent> completion = topology.send(completed(UUID.randomUUID(), "alice", "250.00"), T0);
        topology.send(completion);

        assertThat(topology.highValueOrders().readValuesToList()).containsExactly(completion);
    }

    @Test
    void theThresholdIsConfigurable() {
        topology.close();
        AnalyticsProperties defaults = AnalyticsProperties.defaults();
        topology = new TopologyFixture(new AnalyticsProperties(new BigDecimal("20.00"), defaults.bursts(),
                defaults.revenue(), defaults.outcomes(), defaults.journeys(), defaults.feed()));
        UUID orderId = UUID.randomUUID();
        topology.send(completed(orderId, "alice", "25.00"), T0);

        TestOutputTopic<String, EventEnvelope<SagaEvent>> highValue = topology.highValueOrders();
        assertThat(highValue.readKeyValuesToList().stream().map(kv -> kv.key).toList()).containsExactly(orderId.toString());
    }
}
