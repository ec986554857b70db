package io.ordersaga.analytics.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.ordersaga.analytics.streams.AnalyticsTopics;
import io.ordersaga.analytics.streams.AnalyticsTopology;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.kafka.KafkaMessagingConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

/**
 * Kafka Streams with exactly-once v2 ({@code spring.kafka.streams.*} in analytics-service.yml), the topology, and
 * the topics. From messaging-support it takes the Kafka part only ({@link KafkaMessagingConfiguration}: the saga
 * topics and this service's dead-letter topics, declared like every other service declares them); its
 * outbox and inbox need a database this service does not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@Import(KafkaMessagingConfiguration.class)
@EnableConfigurationProperties({AnalyticsProperties.class, MessagingProperties.class})
class StreamsConfiguration {

    /** The meters Micrometer makes of Kafka Streams' {@code stream-state-metrics}, and their store's tag key. */
    static final String STATE_METRICS = "kafka.stream.state.";
    static final String STATE_ID = "state.id";

    /**
     * Boot's own streams configuration, plus the dead-letter handling of DESIGN section 7: a record that cannot be
     * read goes to {@code <topic>.analytics-service.dlt} and processing goes on.
     */
    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration defaultKafkaStreamsConfig(KafkaProperties kafka,
                                                        DeadLetterPublishingRecoverer streamsDeadLetters) {
        Map<String, Object> config = kafka.buildStreamsProperties();
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecoveringDeserializationExceptionHandler.class);
        config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, streamsDeadLetters);
        return new KafkaStreamsConfiguration(config);
    }

    /**
     * One tag key for the id of every state store in Kafka Streams' store metrics ({@code state.id}). Kafka Streams
     * names that tag after the store's type ({@code in-memory-state-id} for a key-value store,
     * {@code in-memory-window-state-id} for a window store), so this topology, which has both, gave one meter name
     * ({@code kafka_stream_state_restore_latency_avg}, …) two sets of tag keys. Prometheus takes one set a name: it
     * refused the other type's meters (a registration failure logged at start) and left them out of
     * {@code /actuator/prometheus}. Store names are unique in a topology, so the renamed tag still tells them apart.
     */
    @Bean
    MeterFilter streamsStateStoreTag() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith(STATE_METRICS)) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .map(tag -> tag.getKey().endsWith("." + STATE_ID) ? Tag.of(STATE_ID, tag.getValue()) : tag)
                        .toList());
            }
        };
    }

    /** Raw bytes in, raw bytes out: a dead letter is the record exactly as it arrived. */
    @Bean
    ProducerFactory<byte[], byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Bean
    DeadLetterPublishingRecoverer streamsDeadLetters(ProducerFactory<byte[], byte[]> deadLetterProducerFactory,
                                                     @Value("${spring.kafka.streams.application-id}") String group) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(deadLetterProducerFactory),
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic(), group), record.partition()));
        // The same extra header as messaging-support's listener dead letters: why, in one line.
        recoverer.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.DLT_CAUSE, String.valueOf(NestedExceptionUtils.getMostSpecificCause(failure)
                    .getMessage()).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        return recoverer;
    }

    @Bean
    AnalyticsTopology analyticsTopology(StreamsBuilder streamsBuilder, AnalyticsProperties properties) {
        AnalyticsTopology topology = new AnalyticsTopology(properties);
        topology.build(streamsBuilder);
        return topology;
    }

    /** The output topics and every internal topic of the topology, sized like the saga topics. */
    @Bean
    KafkaAdmin.NewTopics analyticsTopics(MessagingProperties messaging, AnalyticsProperties analytics,
                                         @Value("${spring.kafka.streams.application-id}") String applicationId) {
        MessagingProperties.Topics sizing = messaging.getTopics();
        return new KafkaAdmin.NewTopics(AnalyticsTopics.declarations(applicationId, analytics).stream()
                .map(topic -> topic.toNewTopic(sizing.getPartitions(), sizing.getReplicationFactor(),
                        sizing.getMinInsyncReplicas()))
                .toArray(NewTopic[]::new));
    }
}
