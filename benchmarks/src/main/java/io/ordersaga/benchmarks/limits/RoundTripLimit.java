package io.ordersaga.benchmarks.limits;

import io.ordersaga.benchmarks.report.Latencies;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one-record produce→consume round trip: an idempotent {@code acks=all} producer sends one record, a consumer
 * already waiting on the partition receives it; the time between is one hop of the saga at its fastest, with no
 * database and no batching. Repeated, one record at a time, after a warm-up.
 */
public final class RoundTripLimit {

    private RoundTripLimit() {
    }

    public static Latencies measure(String bootstrapServers, String topic, int warmup, int samples, int recordSize) {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "ordersaga-benchmark-round-trip");
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "ordersaga-benchmark-round-trip");
        byte[] value = new byte[recordSize];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long[] micros = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, 0, null, value));
                int received = 0;
                while (received == 0) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(10));
                    if (records.isEmpty()) {
                        throw new IllegalStateException("A record sent to " + topic + " did not arrive within 10 s");
                    }
                    received = records.count();
                }
                if (i >= warmup) {
                    micros[i - warmup] = (System.nanoTime() - start) / 1000;
                }
            }
            return Latencies.ofMicros(micros);
        }
    }
}
