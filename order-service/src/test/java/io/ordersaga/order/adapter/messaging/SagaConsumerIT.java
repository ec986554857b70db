package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import io.ordersaga.order.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class SagaConsumerIT extends IntegrationTestSupport {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "order-service", Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS,
                Topics.SHIPPING_EVENTS);
    }
}
