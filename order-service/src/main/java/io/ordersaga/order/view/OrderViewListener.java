package io.ordersaga.order.view;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Batches;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.kafka.ReadModelFetch;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Feeds the live read models from all four saga topics, with a consumer group of its own, so the views never
 * depend on the write side's consumers and can be replayed independently. It fetches like every read model
 * ({@link ReadModelFetch}): a few records at a time, at most a fifth of a second late.
 */
@Configuration(proxyBeanMethods = false)
class OrderViewListener {

    static final String ID = "order-views";
    static final String GROUP = "order-service-views";

    private final OrderViewProjection projection;

    OrderViewListener(OrderViewProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = ID, groupId = GROUP, containerFactory = Inbox.BATCH_CONTAINER_FACTORY,
            topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.SHIPPING_EVENTS},
            properties = {ReadModelFetch.MIN_BYTES, ReadModelFetch.MAX_WAIT})
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        int poison = Batches.firstPoison(records);
        try {
            projection.applyAll(OrderViews.LIVE, records.subList(0, poison));
        } catch (RuntimeException batchFailure) {
            // One record at a time, so the one that fails is retried, then dead-lettered, on its own.
            for (int i = 0; i < poison; i++) {
                ConsumerRecord<String, EventEnvelope<SagaEvent>> record = records.get(i);
                try {
                    projection.apply(OrderViews.LIVE, record.topic(), record.partition(), record.offset(),
                            record.value());
                } catch (RuntimeException failure) {
                    throw Batches.failed(failure, i);
                }
            }
        }
        if (poison < records.size()) {
            throw Batches.poison(records, poison);
        }
    }

    /** Dead letters of this group (the service's main group declares its own through messaging-support). */
    @Bean
    KafkaAdmin.NewTopics orderViewDeadLetterTopics(@Value("${ordersaga.messaging.topics.partitions:3}") int partitions,
            @Value("${ordersaga.messaging.topics.replication-factor:1}") short replicas) {
        List<NewTopic> topics = Topics.SAGA_TOPICS.stream()
                .map(topic -> TopicBuilder.name(Topics.deadLetter(topic, GROUP)).partitions(partitions).replicas(replicas).build())
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
