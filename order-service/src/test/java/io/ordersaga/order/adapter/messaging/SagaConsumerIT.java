package io.ordersaga.order.adapter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.config.SagaConfiguration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

class SagaConsumerIT extends IntegrationTestSupport {

    /** The listener of the timeline and the views (io.ordersaga.order.view.ReadModelListener). */
    private static final String READ_MODELS = "order-read-models";

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "order-service", Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS,
                Topics.SHIPPING_EVENTS);
    }

    @Test
    void theTimelineAndTheViewsAreOneConsumerInTheTimelinesGroup() {
        assertThat(listeners.getListenerContainers()).extracting(MessageListenerContainer::getGroupId)
                .as("the saga's consumer and the read models'")
                .containsExactlyInAnyOrder("order-service", SagaConfiguration.TIMELINE_GROUP);
        assertThat(listeners.getListenerContainer(READ_MODELS).getGroupId()).isEqualTo(SagaConfiguration.TIMELINE_GROUP);
    }

    @Test
    void theReadModelsFetchAFifthOfASecondAtATimeWhileTheSagaTakesEachRecordAtOnce() {
        Properties fetch = consumerProperties(listeners.getListenerContainer(READ_MODELS));
        assertThat(fetch.getProperty("fetch.min.bytes")).isEqualTo("65536");
        assertThat(fetch.getProperty("fetch.max.wait.ms")).isEqualTo("200");
        listeners.getListenerContainers().stream()
                .filter(container -> "order-service".equals(container.getGroupId()))
                .forEach(saga -> assertThat(consumerProperties(saga)).as("the saga's consumer")
                        .doesNotContainKeys("fetch.min.bytes", "fetch.max.wait.ms"));
    }

    private static Properties consumerProperties(MessageListenerContainer container) {
        assertThat(container).isNotNull();
        return container.getContainerProperties().getKafkaConsumerProperties();
    }
}
