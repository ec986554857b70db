package io.ordersaga.messaging.admin;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Sends dead letters back to their original topics, bytes for bytes, with the guarantees of DESIGN section 7
 * ({@code acks=all}, idempotent producer). Its producer is its own and created on first use: the application's
 * template serializes envelopes, while a replay must not touch the bytes.
 */
class DeadLetterReplayer implements DisposableBean {

    private final KafkaProperties kafka;
    private final Duration timeout;
    private Producer<byte[], byte[]> producer;

    DeadLetterReplayer(KafkaProperties kafka, AdminProperties admin) {
        this.kafka = kafka;
        this.timeout = admin.getKafkaTimeout();
    }

    /** Sends the record and waits for the broker's acknowledgement. */
    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterUnavailableException("Interrupted while replaying to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterUnavailableException("The broker did not acknowledge the replay to " + record.topic(), e);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = kafka.buildProducerProperties();
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + UUID.randomUUID());
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
