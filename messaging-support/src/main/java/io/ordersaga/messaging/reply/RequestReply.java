package io.ordersaga.messaging.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared side of request/reply: plain JSON payloads (the published language's records, never class names),
 * String serdes, and clients that wait for the reply matched by spring-kafka's correlation id header.
 *
 * <p>A requester declares {@code @Bean RequestReplyClient quotes(RequestReply rr) { return rr.client(replyTopic,
 * timeout); }}; an answering service uses {@code @KafkaListener(containerFactory = RequestReply.CONTAINER_FACTORY)}
 * with {@code @SendTo} on a method from JSON text to JSON text ({@link #read}, {@link #write}).
 */
public class RequestReply {

    public static final String CONTAINER_FACTORY = "requestReplyContainerFactory";

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private final Map<String, Object> consumerProperties;
    private final ProducerFactory<String, String> producerFactory;
    private final String applicationName;

    public RequestReply(Map<String, Object> consumerProperties, Map<String, Object> producerProperties,
                        String applicationName) {
        this.consumerProperties = consumerProperties;
        this.producerFactory = new DefaultKafkaProducerFactory<>(producerProperties, new StringSerializer(),
                new StringSerializer());
        this.applicationName = applicationName;
    }

    /**
     * A client that sends requests and waits up to {@code timeout} for replies on {@code replyTopic}. Every
     * instance reads all replies with a group of its own and keeps those it is waiting for, so several instances
     * can share one reply topic.
     */
    public RequestReplyClient client(String replyTopic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        DefaultKafkaConsumerFactory<String, String> consumers =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());
        ContainerProperties properties = new ContainerProperties(replyTopic);
        properties.setGroupId(applicationName + "-replies-" + UUID.randomUUID());
        return new RequestReplyClient(producerFactory, new ConcurrentMessageListenerContainer<>(consumers, properties),
                timeout, this);
    }

    /** The template answering listeners reply with. */
    KafkaTemplate<String, String> replyTemplate() {
        return new KafkaTemplate<>(producerFactory);
    }

    Map<String, Object> consumerProperties() {
        return consumerProperties;
    }

    public String write(Object payload) {
        return json.writeValueAsString(payload);
    }

    public <T> T read(String text, Class<T> type) {
        return json.readValue(text, type);
    }
}
