package io.ordersaga.messaging.testing;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces and reads records the way another service (or a broken producer) would, for listener tests: well-formed
 * envelopes, exact duplicates, and raw poison bytes. Reading takes a snapshot of a topic from its beginning.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, TopicReader> readers = new HashMap<>();
    private Admin admin;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static KafkaTestClient shared() {
        return new KafkaTestClient(SharedKafka.bootstrapServers());
    }

    /** Wraps {@code event} in a fresh envelope, as its producing service would. */
    public static EventEnvelope<SagaEvent> envelope(SagaEvent event, String source) {
        EventType type = EventType.of(event.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(), Instant.now(), source, event,
                new EventMetadata(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
    }

    /**
     * A record as a listener would get it from a poll (partition 0 of {@code topic}, at {@code offset}), with a fresh
     * envelope of {@code event}: for handing a batch to a listener directly.
     */
    public static ConsumerRecord<String, EventEnvelope<SagaEvent>> polled(String topic, long offset, SagaEvent event) {
        return new ConsumerRecord<>(topic, 0, offset, event.orderId().toString(), envelope(event, "test"));
    }

    /** Sends a fresh envelope of {@code event} to its topic; returns it, so a test can send it again. */
    public EventEnvelope<SagaEvent> send(SagaEvent event) {
        EventEnvelope<SagaEvent> envelope = envelope(event, "test");
        send(envelope);
        return envelope;
    }

    /** Sends {@code envelope} as is: sending the same one twice is a duplicate delivery. */
    public void send(EventEnvelope<? extends SagaEvent> envelope) {
        EventType type = EventType.fromId(envelope.eventType()).orElseThrow();
        sendRaw(type.topic(), envelope.data().orderId().toString(), codec.write(envelope),
                Map.of(EventHeaders.EVENT_TYPE, type.id(), EventHeaders.EVENT_ID, envelope.eventId().toString(),
                        EventHeaders.EVENT_VERSION, Integer.toString(envelope.eventVersion())));
    }

    public void sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        sendRaw(topic, null, key, value, headers);
    }

    /** As {@link #sendRaw(String, String, byte[], Map)}, to a given partition ({@code null}: the key decides). */
    public void sendRaw(String topic, Integer partition, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        }
    }

    /** Every record now on {@code topic}, values as text. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : rawRecords(topic)) {
            all.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                    record.headers(), record.leaderEpoch()));
        }
        return all;
    }

    /**
     * Whether consumer group {@code group} has committed an offset past the record that carries {@code envelope}
     * (found on its event type's topic by its {@code eventId} header). For a listener that ignores the event (and so
     * writes no inbox row), this is how a test knows the record, and every record before it on its partition, was
     * processed.
     */
    public boolean consumedPast(String group, EventEnvelope<?> envelope) {
        String topic = EventType.fromId(envelope.eventType()).orElseThrow().topic();
        String eventId = envelope.eventId().toString();
        ConsumerRecord<String, String> record = records(topic).stream()
                .filter(r -> eventId.equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_ID)))
                .reduce((first, second) -> second).orElse(null);
        if (record == null) {
            return false;
        }
        return askAdmin(group, (admin, committed) -> {
            OffsetAndMetadata offset = committed.get(new TopicPartition(topic, record.partition()));
            return offset != null && offset.offset() > record.offset();
        });
    }

    /**
     * Whether consumer group {@code group} has committed offsets at the end of every partition of {@code topic}: it
     * has handled (or dead-lettered) every record there, those other test classes sent included.
     */
    public boolean caughtUp(String group, String topic) {
        return askAdmin(group, (admin, committed) -> {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .allMatch(end -> end.getValue().offset() == 0 || committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset());
        });
    }

    /** One admin client for every question, made at the first (like the readers, it saves a connection a call). */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    /** A question about {@code group}'s committed offsets, answered {@code false} when the broker does not answer. */
    private interface OffsetsQuestion {
        boolean ask(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed)
                throws ExecutionException, InterruptedException, TimeoutException;
    }

    private boolean askAdmin(String group, OffsetsQuestion question) {
        try {
            Admin admin = admin();
            return question.ask(admin, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Every record now on {@code topic} keyed by {@code orderId}, values as text, in offset order per partition. */
    public List<ConsumerRecord<String, String>> records(String topic, UUID orderId) {
        return records(topic).stream().filter(record -> orderId.toString().equals(record.key())).toList();
    }

    /** The readable envelopes now on {@code topic} about one order, in offset order. */
    public List<EventEnvelope<SagaEvent>> events(String topic, UUID orderId) {
        List<EventEnvelope<SagaEvent>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : rawRecords(topic)) {
            if (orderId.toString().equals(record.key())) {
                events.add(codec.read(record.value(), EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)));
            }
        }
        return events;
    }

    /**
     * Every record now on {@code topic}, in partition and offset order. A test asks this many times a second while it
     * waits, so the client reads each topic with one consumer of its own, kept between calls, and remembers what it
     * read: a call fetches only what arrived since the last (a fresh consumer for every call cost more CPU than
     * many of the tests themselves). Should a partition end before what was read (the topic was deleted and made
     * again), it is read again from its beginning.
     */
    private synchronized List<ConsumerRecord<String, byte[]>> rawRecords(String topic) {
        TopicReader reader = readers.computeIfAbsent(topic, TopicReader::new);
        return reader.readToEnd();
    }

    /** One topic's records so far, and the consumer that reads on from where it stopped. */
    private final class TopicReader {
        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> read = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(TopicPartition::partition));

        TopicReader(String topic) {
            this.topic = topic;
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        }

        List<ConsumerRecord<String, byte[]>> readToEnd() {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!read.keySet().equals(new java.util.HashSet<>(partitions))) {
                consumer.assign(partitions);
                for (TopicPartition partition : partitions) {
                    List<ConsumerRecord<String, byte[]>> records = read.computeIfAbsent(partition,
                            p -> new ArrayList<>());
                    if (records.isEmpty()) {
                        consumer.seekToBeginning(List.of(partition));
                    } else {
                        consumer.seek(partition, records.get(records.size() - 1).offset() + 1);
                    }
                }
                read.keySet().retainAll(partitions);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                if (consumer.position(partition) > end.get(partition)) { // deleted and made again: start over
                    read.get(partition).clear();
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> read
                        .get(new TopicPartition(record.topic(), record.partition())).add(record));
            }
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            read.values().forEach(records::addAll);
            return records;
        }
    }

    @Override
    public synchronized void close() {
        readers.values().forEach(reader -> reader.consumer.close(Duration.ofSeconds(5)));
        readers.clear();
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        producer.close(Duration.ofSeconds(5));
    }
}
