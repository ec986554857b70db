package io.ordersaga.messaging.outbox;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The bytes of one outbox event in a logical decoding message ({@link LogicalOutboxWriter}): what a row of
 * {@code messaging.outbox} holds, in a compact binary form that says its own version, so that a relay of a later
 * release can still read what an earlier one wrote before an upgrade.
 *
 * <p>Version 1, big-endian: {@code byte 1}, the event id as two {@code long}s, the event version as an {@code int},
 * then topic, key, event type, trace parent and payload, each as an {@code int} length and that many bytes (UTF-8;
 * length {@code -1} for a missing trace parent). About 40 bytes besides the contents.
 */
public final class OutboxMessage {

    /** The prefix of the messages {@link LogicalOutboxWriter} emits; the relay ignores every other prefix. */
    public static final String PREFIX = "ordersaga.outbox";
    static final byte VERSION = 1;

    private OutboxMessage() {
    }

    public static byte[] encode(OutboxEvent event) {
        byte[] topic = utf8(event.topic());
        byte[] key = utf8(event.key());
        byte[] type = utf8(event.eventType());
        byte[] trace = event.traceParent() == null ? null : utf8(event.traceParent());
        ByteBuffer bytes = ByteBuffer.allocate(1 + 16 + 4 + 5 * 4 + topic.length + key.length + type.length
                + (trace == null ? 0 : trace.length) + event.payload().length);
        bytes.put(VERSION).putLong(event.eventId().getMostSignificantBits())
                .putLong(event.eventId().getLeastSignificantBits()).putInt(event.eventVersion());
        for (byte[] field : new byte[][] {topic, key, type, trace, event.payload()}) {
            if (field == null) {
                bytes.putInt(-1);
            } else {
                bytes.putInt(field.length).put(field);
            }
        }
        return bytes.array();
    }

    /** @throws IllegalArgumentException when the bytes are not a message of a version this release reads */
    public static OutboxEvent decode(ByteBuffer bytes) {
        try {
            byte version = bytes.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("outbox message version " + version + ", this release reads "
                        + VERSION + ": relay it with a release that knows it");
            }
            UUID eventId = new UUID(bytes.getLong(), bytes.getLong());
            int eventVersion = bytes.getInt();
            String topic = text(bytes);
            String key = text(bytes);
            String type = text(bytes);
            String trace = text(bytes);
            byte[] payload = field(bytes);
            if (topic == null || key == null || type == null || payload == null || bytes.hasRemaining()) {
                throw new IllegalArgumentException("malformed outbox message of event " + eventId);
            }
            return new OutboxEvent(eventId, topic, key, type, eventVersion, payload, trace);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated outbox message", e);
        }
    }

    private static String text(ByteBuffer bytes) {
        byte[] field = field(bytes);
        return field == null ? null : new String(field, StandardCharsets.UTF_8);
    }

    private static byte[] field(ByteBuffer bytes) {
        int length = bytes.getInt();
        if (length < 0) {
            return null;
        }
        byte[] field = new byte[length];
        bytes.get(field);
        return field;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
