package io.ordersaga.order.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.order.application.SagaAdmission;
import io.ordersaga.order.domain.OrderRepository;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The saga's properties (its deadline, the bound on sagas in flight) and admission, and the dead-letter topics of
 * the read models' consumer group: messaging-support declares those of the service's main group only, and DESIGN
 * section 3 wants every dead-letter topic declared.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaProperties.class)
public class SagaConfiguration {

    /**
     * The read models' consumer group (the timeline and the views, one consumer), which reads all four saga topics.
     * It was the timeline's alone and keeps its name, so its offsets, inbox rows and dead-letter topics go on.
     */
    public static final String TIMELINE_GROUP = "order-service-timeline";

    @Bean
    SagaAdmission sagaAdmission(OrderRepository orders, SagaProperties properties, MeterRegistry registry) {
        return new SagaAdmission(orders::countInFlight, properties.maxInFlight(), properties.inFlightRefresh(),
                registry);
    }

    @Bean
    KafkaAdmin.NewTopics timelineDeadLetterTopics(MessagingProperties messaging) {
        MessagingProperties.Topics config = messaging.getTopics();
        List<NewTopic> topics = Topics.SAGA_TOPICS.stream().map(topic -> {
            TopicBuilder builder = TopicBuilder.name(Topics.deadLetter(topic, TIMELINE_GROUP))
                    .partitions(config.getPartitions()).replicas(config.getReplicationFactor());
            if (config.getMinInsyncReplicas() != null) {
                builder.config("min.insync.replicas", config.getMinInsyncReplicas().toString());
            }
            return builder.build();
        }).toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
