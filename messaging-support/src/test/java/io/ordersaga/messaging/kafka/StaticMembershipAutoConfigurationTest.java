package io.ordersaga.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

class StaticMembershipAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StaticMembershipAutoConfiguration.class));

    @Test
    void isOffWithoutAnInstanceId() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ContainerCustomizer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesEachListenersConsumersAfterTheInstanceAndTheListener() {
        runner.withPropertyValues("ORDERSAGA_INSTANCE_ID=payment-7f9c").run(context -> {
            ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> customizer =
                    context.getBean(ContainerCustomizer.class);
            ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(java.util.Map.of()), new ContainerProperties("payment.events"));
            container.setBeanName("org.springframework.kafka.KafkaListenerEndpointContainer#2");
            customizer.configure(container);
            assertThat(container.getContainerProperties().getKafkaConsumerProperties()
                    .getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                    .isEqualTo("payment-7f9c-org.springframework.kafka.KafkaListenerEndpointContainer_2");
        });
    }
}
