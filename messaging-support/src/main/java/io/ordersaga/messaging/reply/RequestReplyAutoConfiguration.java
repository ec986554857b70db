package io.ordersaga.messaging.reply;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Request/reply over Kafka for any service that has messaging-support: the {@link RequestReply} helper and the
 * listener container factory answering listeners use.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class RequestReplyAutoConfiguration {

    @Bean
    RequestReply requestReply(KafkaProperties kafka, @Value("${spring.application.name}") String applicationName) {
        return new RequestReply(kafka.buildConsumerProperties(), kafka.buildProducerProperties(), applicationName);
    }

    /**
     * Requests are questions, not events: one that cannot be answered is logged and dropped (the asker times out),
     * never retried or dead-lettered.
     */
    @Bean(RequestReply.CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> requestReplyContainerFactory(RequestReply requestReply,
            @Value("${spring.kafka.listener.observation-enabled:false}") boolean observed) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        // Observed like the saga's listeners (a span, and the same spring.kafka.listener timer with the same tags);
        // a container timer of that name with other tags would hide theirs from Prometheus (ObservabilityIT).
        factory.getContainerProperties().setObservationEnabled(observed);
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(requestReply.consumerProperties(),
                new StringDeserializer(), new StringDeserializer()));
        factory.setReplyTemplate(requestReply.replyTemplate());
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0, 0)));
        return factory;
    }
}
