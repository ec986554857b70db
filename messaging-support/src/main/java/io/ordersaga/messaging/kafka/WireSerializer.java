package io.ordersaga.messaging.kafka;

import io.ordersaga.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record value serializer for everything this plumbing sends: outbox payloads (already bytes), and dead letters,
 * which are either the original bytes (when they could not be read) or a readable envelope.
 */
public class WireSerializer implements Serializer<Object> {

    private final EnvelopeCodec codec;

    public WireSerializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof EventEnvelope<?> envelope) {
            return codec.write(envelope);
        }
        throw new IllegalArgumentException("Cannot put a " + data.getClass().getName() + " on the wire");
    }
}
