package io.ordersaga.messaging.kafka;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.inbox.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Producer, consumer, error handling and topic declarations. Boot's own Kafka beans back off, because these are
 * defined first; {@code spring.kafka.*} properties still apply on top of the defaults set here.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaMessagingConfiguration {

    @Bean
    EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec();
    }

    /**
     * Typed {@code <Object, Object>} because that is what Boot's listener container factory asks for. Each consumer
     * gets a deserializer of its own, configured with its own properties: a saga consumer's says which event types
     * it skips unread ({@link EnvelopeDeserializer#HANDLED_TYPES}).
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConsumerFactory<Object, Object> kafkaConsumerFactory(KafkaProperties properties, EnvelopeCodec codec) {
        return new DefaultKafkaConsumerFactory(properties.buildConsumerProperties(), StringDeserializer::new,
                () -> new ErrorHandlingDeserializer<>(new EnvelopeDeserializer(codec)));
    }

    @Bean
    ProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties properties, EnvelopeCodec codec) {
        Map<String, Object> config = properties.buildProducerProperties();
        // Guarantees of DESIGN section 7; not overridable by configuration.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new WireSerializer(codec));
    }

    /**
     * The factory of {@link Inbox#handleBatch} listeners: Boot's settings (error handler, ack mode, concurrency,
     * interceptors) in batch mode, so a poll's records share one transaction.
     */
    @Bean(Inbox.BATCH_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> inboxBatchContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            ObjectProvider<BatchInterceptor<Object, Object>> batchInterceptor,
            @Value("${ordersaga.messaging.batch.max-records:100}") int maxRecords) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        // The inbox observes each record of a batch (a span and a spring.kafka.listener timer per record). The
        // container's own batch timer has the same name with other tags, which Prometheus refuses: whichever came
        // first hid the other (ObservabilityIT).
        factory.getContainerProperties().setMicrometerEnabled(false);
        // A batch holds its locks until it commits: bounded, so one slow batch never holds up the others for long.
        factory.getContainerProperties().getKafkaConsumerProperties()
                .setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxRecords));
        batchInterceptor.ifUnique(factory::setBatchInterceptor);
        return factory;
    }

    /** A saga consumer's commits: at once for a poll that handled something, within an interval otherwise. */
    @Bean(PollCommits.BEAN)
    PollCommits pollCommits(@Value("${" + PollCommits.INTERVAL_PROPERTY + ":1s}") Duration interval) {
        return new PollCommits(interval);
    }

    /**
     * With {@code spring.kafka.template.observation-enabled} (on by default, see ObservabilityDefaults) every send is
     * a span whose W3C {@code traceparent} travels in the record's headers.
     */
    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory,
                                                KafkaProperties properties) {
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(producerFactory);
        template.setObservationEnabled(properties.getTemplate().isObservationEnabled());
        return template;
    }

    /**
     * Poison records (they fail to deserialize or validate) go straight to {@code <topic>.<group>.dlt}; other
     * failures are retried with bounded exponential back-off first. Besides spring-kafka's {@code kafka_dlt-*}
     * headers (original topic, partition, offset, exception), a dead letter carries {@code dlt-cause}: the message
     * of the innermost cause. The dead letter keeps the partition number,
     * which is safe because every DLT is declared with its source topic's partition count.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> template, MessagingProperties properties,
                                         @Value("${spring.application.name}") String applicationName,
                                         ObjectProvider<RetryListener> retryListeners) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, failure) -> {
            String group = KafkaUtils.getConsumerGroupId();
            return new TopicPartition(Topics.deadLetter(record.topic(), group != null ? group : applicationName),
                    record.partition());
        });
        // The standard headers say "failed to deserialize" for every poison record; this one says why.
        recoverer.setHeadersFunction((record, failure) -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.DLT_CAUSE, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        MessagingProperties.Retry retry = properties.getRetry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.getMaxRetries());
        backOff.setInitialInterval(retry.getInitialInterval().toMillis());
        backOff.setMultiplier(retry.getMultiplier());
        backOff.setMaxInterval(retry.getMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        // Every RetryListener bean hears of each failed delivery and each dead letter (the listener metrics do).
        handler.setRetryListeners(retryListeners.orderedStream().toArray(RetryListener[]::new));
        return handler;
    }

    /** Every saga topic, the system and quote topics, and one dead-letter topic per consumed topic, declared explicitly. */
    @Bean
    KafkaAdmin.NewTopics ordersagaTopics(MessagingProperties properties,
                                         @Value("${spring.kafka.consumer.group-id}") String group) {
        Set<String> names = new LinkedHashSet<>(Topics.SAGA_TOPICS);
        names.add(Topics.SYSTEM_EVENTS);
        names.add(Topics.QUOTE_REQUESTS);
        names.add(Topics.QUOTE_REPLIES);
        names.addAll(properties.getConsumedTopics());
        properties.getConsumedTopics().forEach(topic -> names.add(Topics.deadLetter(topic, group)));
        List<NewTopic> topics = new ArrayList<>();
        MessagingProperties.Topics config = properties.getTopics();
        for (String name : names) {
            TopicBuilder builder = TopicBuilder.name(name).partitions(config.getPartitions())
                    .replicas(config.getReplicationFactor());
            if (config.getMinInsyncReplicas() != null) {
                builder.config("min.insync.replicas", config.getMinInsyncReplicas().toString());
            }
            topics.add(builder.build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
