package io.ordersaga.messaging.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static final String DLT = "order.events.payment-service.dlt";

    @Test
    void readsTheOriginOfARecordFromSpringKafkasBinaryHeaders() {
        DeadLetterRecord record = record("{\"eventType\":\"OrderCancelled\"}".getBytes(StandardCharsets.UTF_8),
                dltHeaders());

        assertThat(record.id()).isEqualTo(new DeadLetterId(DLT, 2, 7));
        assertThat(record.originalTopic()).contains("order.events");
        assertThat(record.originalPartition()).isEqualTo(2);
        assertThat(record.originalOffset()).isEqualTo(41L);
        assertThat(record.consumerGroup()).isEqualTo("payment-service");
        assertThat(record.cause()).isEqualTo("relation \"account_event\" is locked");
        assertThat(record.exception()).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(record.eventType()).isEqualTo("OrderCancelled");
        assertThat(record.key()).isEqualTo("3f0c8a0e-5a52-4d7e-9a43-1b6f0f1f2a11");
    }

    @Test
    void readsDecimalTextOriginsOfAHandMadeRecord() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-original-topic", bytes("order.events"));
        headers.add("kafka_dlt-original-partition", bytes("1"));
        headers.add("kafka_dlt-original-offset", bytes("12345678"));

        DeadLetterRecord record = record(bytes("{}"), headers);

        assertThat(record.originalPartition()).isEqualTo(1);
        assertThat(record.originalOffset()).isEqualTo(12345678L);
    }

    @Test
    void fallsBackToTheExceptionMessageWhenNoCauseWasRecorded() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-exception-message", bytes("Listener failed"));
        headers.add("kafka_dlt-exception-fqcn", bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));

        DeadLetterRecord record = record(bytes("{}"), headers);

        assertThat(record.cause()).isEqualTo("Listener failed");
        assertThat(record.exception()).endsWith("ListenerExecutionFailedException");
        assertThat(record.originalTopic()).isEmpty();
    }

    @Test
    void replaysTheSameKeyValueAndHeadersToTheOriginalTopicWithoutTheDeadLetterHeaders() {
        byte[] value = bytes("{\"eventId\":\"e-1\"}");
        DeadLetterRecord record = record(value, dltHeaders());

        ProducerRecord<byte[], byte[]> replay = record.replayRecord();

        assertThat(replay.topic()).isEqualTo("order.events");
        assertThat(replay.partition()).isNull();
        assertThat(replay.key()).isEqualTo(bytes("3f0c8a0e-5a52-4d7e-9a43-1b6f0f1f2a11"));
        assertThat(replay.value()).isSameAs(value);
        assertThat(replay.headers()).extracting(Header::key)
                .containsExactlyInAnyOrder("eventType", "eventId", "eventVersion", DeadLetterRecord.REPLAYED_FROM);
        assertThat(new String(replay.headers().lastHeader(DeadLetterRecord.REPLAYED_FROM).value(),
                StandardCharsets.UTF_8)).isEqualTo(DLT + "/2/7");
    }

    @Test
    void replaysACorrectedValueWithTheOriginalKeyAndHeaders() {
        byte[] corrected = bytes("{\"eventId\":\"e-1\",\"fixed\":true}");

        ProducerRecord<byte[], byte[]> replay = record(bytes("{\"eventId\": e-1"), dltHeaders()).replayRecord(corrected);

        assertThat(replay.topic()).isEqualTo("order.events");
        assertThat(replay.value()).isSameAs(corrected);
        assertThat(replay.key()).isEqualTo(bytes("3f0c8a0e-5a52-4d7e-9a43-1b6f0f1f2a11"));
        assertThat(replay.headers().lastHeader("eventType").value()).isEqualTo(bytes("OrderCancelled"));
    }

    @Test
    void replacesTheReplayedFromHeaderOfARecordThatFailedAgainAfterAReplay() {
        RecordHeaders headers = dltHeaders();
        headers.add(DeadLetterRecord.REPLAYED_FROM, bytes(DLT + "/0/1"));

        ProducerRecord<byte[], byte[]> replay = record(bytes("{}"), headers).replayRecord();

        assertThat(replay.headers().headers(DeadLetterRecord.REPLAYED_FROM)).hasSize(1);
    }

    @Test
    void refusesToReplayARecordThatDoesNotSayWhereItCameFrom() {
        DeadLetterRecord record = record(bytes("{}"), new RecordHeaders());

        assertThatThrownBy(record::replayRecord).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka_dlt-original-topic");
    }

    @Test
    void showsATextPayloadAsTextAndBinaryBytesAsBase64() {
        byte[] binary = {(byte) 0xC3, (byte) 0x28, 0x00, 0x7F};

        DeadLetterView text = DeadLetterView.of(record(bytes("{not json"), dltHeaders()), Decision.NONE);
        DeadLetterView raw = DeadLetterView.of(record(binary, dltHeaders()), Decision.NONE);

        assertThat(text.payload()).isEqualTo("{not json");
        assertThat(text.payloadEncoding()).isEqualTo("utf-8");
        assertThat(raw.payload()).isEqualTo(Base64.getEncoder().encodeToString(binary));
        assertThat(raw.payloadEncoding()).isEqualTo("base64");
        assertThat(text.status()).isEqualTo(DeadLetterStatus.PENDING);
        assertThat(text.links().replay()).isEqualTo("/admin/dead-letters/" + DLT + "/2/7/replay");
    }

    private static RecordHeaders dltHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventType", bytes("OrderCancelled"));
        headers.add("eventId", bytes("e-1"));
        headers.add("eventVersion", bytes("1"));
        headers.add("kafka_dlt-original-topic", bytes("order.events"));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(2).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(41).array());
        headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(Long.BYTES).putLong(1_700_000_000_000L).array());
        headers.add("kafka_dlt-original-consumer-group", bytes("payment-service"));
        headers.add("kafka_dlt-exception-fqcn", bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.add("kafka_dlt-exception-cause-fqcn", bytes("org.postgresql.util.PSQLException"));
        headers.add("kafka_dlt-exception-message", bytes("Listener method threw"));
        headers.add("kafka_dlt-exception-stacktrace", bytes("at io.ordersaga..."));
        headers.add("dlt-cause", bytes("relation \"account_event\" is locked"));
        headers.add("springDeserializerExceptionValue", bytes("ignored"));
        return headers;
    }

    private static DeadLetterRecord record(byte[] value, RecordHeaders headers) {
        return new DeadLetterRecord(new ConsumerRecord<>(DLT, 2, 7, 1_700_000_001_000L, TimestampType.CREATE_TIME,
                36, value.length, bytes("3f0c8a0e-5a52-4d7e-9a43-1b6f0f1f2a11"), value, headers, Optional.empty()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
