package io.ordersaga.shipping.it;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class SagaConsumerIT extends ShippingIntegrationTest {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "shipping-service", Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS);
    }
}
