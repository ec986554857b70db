package io.ordersaga.messaging.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Static group membership, on when the instance has a stable name ({@code ORDERSAGA_INSTANCE_ID}, e.g. the pod or
 * host name): every consumer gets {@code group.instance.id = <instance>-<listener id>}, and spring-kafka appends
 * {@code -<n>} for each concurrent consumer of a listener. A restarted instance then takes its partitions back at
 * once instead of waiting for the broker to expire the dead member's session. The listener id is part of the name
 * because the listeners of one service share its consumer group, and two members of one group must never share an
 * instance id.
 *
 * <p>Off by default: with static membership a member that is gone for good keeps its partitions until its session
 * times out, and two processes started with the same instance id fence each other.
 */
@AutoConfiguration
@ConditionalOnProperty("ORDERSAGA_INSTANCE_ID")
public class StaticMembershipAutoConfiguration {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticGroupMembership(
            @Value("${ORDERSAGA_INSTANCE_ID}") String instanceId) {
        return container -> container.getContainerProperties().getKafkaConsumerProperties()
                .setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(instanceId, container.getListenerId()));
    }

    /**
     * The broker accepts only ASCII letters, digits, '.', '_' and '-'; a listener without an explicit id is named
     * {@code org.springframework.kafka.KafkaListenerEndpointContainer#<n>}, which is stable from start to start.
     */
    static String instanceId(String instance, String listenerId) {
        return (instance + "-" + listenerId).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
