package io.ordersaga.messaging.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Reads dead-letter topics with a short-lived consumer of its own: no consumer group, nothing committed, so reading
 * never moves anyone's position and any instance can answer. Each read takes a snapshot up to the partitions' end
 * offsets at that moment.
 */
class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaProperties kafka;
    private final AdminProperties admin;

    DeadLetterReader(KafkaProperties kafka, AdminProperties admin) {
        this.kafka = kafka;
        this.admin = admin;
    }

    /** What a read found: the topics that exist on the broker, and their records. */
    record Snapshot(List<String> topics, List<DeadLetterRecord> records) {
    }

    /**
     * The newest {@code maxRecordsPerPartition} records of each partition of those of the given topics that exist (a
     * consumer group whose error handler never dead-letters has no dead-letter topic).
     */
    Snapshot readAll(Collection<String> topics) {
        try (Consumer<byte[], byte[]> consumer = consumer()) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(admin.getKafkaTimeout());
            List<String> found = topics.stream().filter(existing::containsKey).toList();
            List<TopicPartition> partitions = found.stream()
                    .flatMap(topic -> existing.get(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            if (partitions.isEmpty()) {
                return new Snapshot(found, List.of());
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, admin.getKafkaTimeout());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, admin.getKafkaTimeout());
            partitions.forEach(partition -> consumer.seek(partition,
                    Math.max(begin.get(partition), end.get(partition) - admin.getMaxRecordsPerPartition())));
            return new Snapshot(found, readUntil(consumer, end));
        }
    }

    /** The record at {@code id}, if the topic still holds it. */
    Optional<DeadLetterRecord> read(DeadLetterId id) {
        TopicPartition partition = new TopicPartition(id.topic(), id.partition());
        try (Consumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.listTopics(admin.getKafkaTimeout()).get(id.topic());
            if (partitions == null || partitions.stream().noneMatch(info -> info.partition() == id.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), admin.getKafkaTimeout()).get(partition);
            long end = consumer.endOffsets(List.of(partition), admin.getKafkaTimeout()).get(partition);
            if (id.offset() < begin || id.offset() >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, id.offset());
            return readUntil(consumer, Map.of(partition, id.offset() + 1)).stream()
                    .filter(record -> record.id().equals(id))
                    .findFirst();
        }
    }

    private List<DeadLetterRecord> readUntil(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        Instant deadline = Instant.now().plus(admin.getKafkaTimeout());
        List<DeadLetterRecord> records = new ArrayList<>();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new DeadLetterUnavailableException("Could not read the dead-letter topics within "
                        + admin.getKafkaTimeout().toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Long stop = end.get(new TopicPartition(record.topic(), record.partition()));
                if (stop != null && record.offset() < stop) {
                    records.add(new DeadLetterRecord(record));
                }
            }
        }
        return records;
    }

    private Consumer<byte[], byte[]> consumer() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-admin-" + UUID.randomUUID());
        // A read stops at the end offsets it took; a fetch need not wait for records that will not come.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
