package io.ordersaga.order.adapter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import io.ordersaga.order.IntegrationTestSupport;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

class SagaConsumerIT extends IntegrationTestSupport {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "order-service", Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS,
                Topics.SHIPPING_EVENTS);
    }

    @Test
    void theReadModelsFetchAFifthOfASecondAtATimeWhileTheSagaTakesEachRecordAtOnce() {
        for (String readModel : new String[] {"order-timeline", "order-views"}) {
            Properties fetch = consumerProperties(listeners.getListenerContainer(readModel));
            assertThat(fetch.getProperty("fetch.min.bytes")).as(readModel).isEqualTo("65536");
            assertThat(fetch.getProperty("fetch.max.wait.ms")).as(readModel).isEqualTo("200");
        }
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
