package io.ordersaga.messaging.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A dead letter as {@code /admin/dead-letters} shows it: where it sits, what was decided about it, where it came
 * from, why it failed, and its key and payload. The payload is the record's text when it is UTF-8 (every envelope
 * is) and base64 otherwise, as {@code payloadEncoding} says.
 */
record DeadLetterView(
        String topic,
        int partition,
        long offset,
        DeadLetterStatus status,
        int replayCount,
        String reason,
        Instant decidedAt,
        String key,
        String eventType,
        String eventId,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String consumerGroup,
        String cause,
        String exception,
        Instant deadLetteredAt,
        String replayedFrom,
        String payload,
        String payloadEncoding,
        Links links) {

    /** Where to act on this dead letter (POST to replay or discard). */
    record Links(String self, String replay, String discard) {
    }

    static DeadLetterView of(DeadLetterRecord record, Decision decision) {
        DeadLetterId id = record.id();
        byte[] value = record.value();
        String text = value == null ? null : utf8(value);
        return new DeadLetterView(id.topic(), id.partition(), id.offset(), decision.status(), decision.replayCount(),
                decision.reason(), decision.decidedAt(), record.key(), record.eventType(), record.eventId(),
                record.originalTopic().orElse(null), record.originalPartition(), record.originalOffset(),
                record.consumerGroup(), record.cause(), record.exception(), record.deadLetteredAt(),
                record.replayedFrom(), text != null || value == null ? text : Base64.getEncoder().encodeToString(value),
                value == null ? null : text != null ? "utf-8" : "base64",
                new Links(id.path(), id.path() + "/replay", id.path() + "/discard"));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
