package io.ordersaga.payment.it;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class SagaConsumerIT extends PaymentIntegrationTest {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "payment-service", Topics.INVENTORY_EVENTS, Topics.ORDER_EVENTS,
                Topics.SHIPPING_EVENTS);
    }
}
