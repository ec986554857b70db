package io.ordersaga.messaging.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

class DeadLetterTopicsTest {

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @Test
    void namesADeadLetterTopicForEveryTopicAndGroupTheServiceConsumes() {
        KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
        MessageListenerContainer main = container("order-service", new ContainerProperties("payment.events"));
        MessageListenerContainer timeline = container("order-service-timeline",
                new ContainerProperties("order.events", "shipping.events"));
        MessageListenerContainer assigned = container("order-service-rebuild",
                new ContainerProperties(new TopicPartitionOffset("inventory.events", 0)));
        when(registry.getAllListenerContainers()).thenReturn(List.of(main, timeline, assigned));
        beans.addBean("registry", registry);
        beans.addBean("declared", new NewTopic("system.events.order-service-audit.dlt", 3, (short) 1));
        beans.addBean("notADeadLetter", new NewTopic("order.events", 3, (short) 1));

        DeadLetterTopics topics = new DeadLetterTopics(List.of("inventory.events"), "order-service",
                beans.getBeanProvider(KafkaListenerEndpointRegistry.class), beans.getBeanProvider(NewTopic.class));

        assertThat(topics.names()).containsExactly(
                "inventory.events.order-service-rebuild.dlt",
                "inventory.events.order-service.dlt",
                "order.events.order-service-timeline.dlt",
                "payment.events.order-service.dlt",
                "shipping.events.order-service-timeline.dlt",
                "system.events.order-service-audit.dlt");
        assertThat(topics.contains("order.events")).isFalse();
    }

    @Test
    void withoutListenersItNamesTheMainGroupsDeadLetterTopics() {
        DeadLetterTopics topics = new DeadLetterTopics(List.of("order.events", "payment.events"), "shipping-service",
                beans.getBeanProvider(KafkaListenerEndpointRegistry.class), beans.getBeanProvider(NewTopic.class));

        assertThat(topics.names()).containsExactly("order.events.shipping-service.dlt",
                "payment.events.shipping-service.dlt");
    }

    private static MessageListenerContainer container(String group, ContainerProperties properties) {
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(container.getGroupId()).thenReturn(group);
        when(container.getContainerProperties()).thenReturn(properties);
        return container;
    }
}
