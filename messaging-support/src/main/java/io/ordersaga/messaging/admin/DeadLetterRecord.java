package io.ordersaga.messaging.admin;

import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * One record of a dead-letter topic, read as raw bytes, and what the error handler wrote into its headers: the
 * original topic, partition and offset (spring-kafka's {@code kafka_dlt-*} headers, the numbers as big-endian
 * binary) and the cause ({@code dlt-cause}).
 */
final class DeadLetterRecord {

    /** Added to a replayed record: the dead letter it came from, so a record that fails again says so. */
    static final String REPLAYED_FROM = "ordersaga-replayed-from";
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final String DESERIALIZER_EXCEPTION_PREFIX = "springDeserializerException";

    private final ConsumerRecord<byte[], byte[]> record;

    DeadLetterRecord(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
    }

    DeadLetterId id() {
        return new DeadLetterId(record.topic(), record.partition(), record.offset());
    }

    /** The record's timestamp: when it was dead-lettered. Part of its identity for decisions. */
    long timestamp() {
        return record.timestamp();
    }

    Instant deadLetteredAt() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    String key() {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    byte[] value() {
        return record.value();
    }

    Optional<String> originalTopic() {
        return Optional.ofNullable(text(KafkaHeaders.DLT_ORIGINAL_TOPIC));
    }

    Integer originalPartition() {
        Long partition = number(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return partition == null ? null : partition.intValue();
    }

    Long originalOffset() {
        return number(KafkaHeaders.DLT_ORIGINAL_OFFSET);
    }

    String consumerGroup() {
        return text(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
    }

    /** The innermost cause when the error handler recorded it, else the failure's own message. */
    String cause() {
        String cause = text(EventHeaders.DLT_CAUSE);
        return cause != null ? cause : text(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    /** The class of the innermost exception spring-kafka recorded (never a stack trace). */
    String exception() {
        String cause = text(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        return cause != null ? cause : text(KafkaHeaders.DLT_EXCEPTION_FQCN);
    }

    String eventType() {
        return text(EventHeaders.EVENT_TYPE);
    }

    String eventId() {
        return text(EventHeaders.EVENT_ID);
    }

    String replayedFrom() {
        return text(REPLAYED_FROM);
    }

    /**
     * The record to send to the original topic: the same key, value bytes and headers as the record that failed,
     * without what dead-lettering added, plus {@value #REPLAYED_FROM}. No partition is given, so the key picks it
     * as it did the first time.
     *
     * @throws IllegalStateException when the record does not say which topic it came from
     */
    ProducerRecord<byte[], byte[]> replayRecord() {
        return replayRecord(record.value());
    }

    /** Like {@link #replayRecord()}, with a value an operator corrected instead of the one that failed. */
    ProducerRecord<byte[], byte[]> replayRecord(byte[] value) {
        String topic = originalTopic().orElseThrow(() -> new IllegalStateException(
                "dead letter " + id() + " has no " + KafkaHeaders.DLT_ORIGINAL_TOPIC + " header"));
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!isAddedByDeadLettering(header.key()) && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(REPLAYED_FROM, id().toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, record.key(), value, headers);
    }

    private static boolean isAddedByDeadLettering(String header) {
        return header.startsWith(DLT_HEADER_PREFIX) || header.equals(EventHeaders.DLT_CAUSE)
                || header.startsWith(DESERIALIZER_EXCEPTION_PREFIX);
    }

    private String text(String name) {
        return EventHeaders.text(record.headers(), name);
    }

    /**
     * spring-kafka writes partition (4 bytes) and offset (8 bytes) as big-endian binary; decimal text, as a hand-made
     * record might carry, is read too. Binary values of real partitions and offsets start with a zero byte, so they
     * are never all ASCII digits.
     */
    private Long number(String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        byte[] bytes = header.value();
        boolean decimal = bytes.length <= 18;
        for (byte b : bytes) {
            decimal &= b >= '0' && b <= '9';
        }
        if (decimal) {
            return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
        }
        if (bytes.length == Integer.BYTES) {
            return (long) ByteBuffer.wrap(bytes).getInt();
        }
        return bytes.length == Long.BYTES ? ByteBuffer.wrap(bytes).getLong() : null;
    }
}
