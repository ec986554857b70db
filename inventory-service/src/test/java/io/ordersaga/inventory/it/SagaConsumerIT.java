package io.ordersaga.inventory.it;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.SagaConsumers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class SagaConsumerIT extends AbstractInventoryIT {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void oneConsumerReadsEverySagaTopicTheServiceListensTo() {
        SagaConsumers.assertOneConsumerFor(listeners, "inventory-service", Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS,
                Topics.SHIPPING_EVENTS);
    }
}
