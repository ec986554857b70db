package io.ordersaga.messaging.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.core.env.Environment;

/**
 * How the read models' consumers fetch (order-service's timeline and views, analytics' Streams topology and live
 * feed): the broker holds a fetch until {@code fetch-min-bytes} have arrived or {@code fetch-max-wait-ms} have
 * passed, so at low rates a read model handles a few records every fifth of a second in one transaction instead of
 * waking up for every record. Every event is delivered to five read-model consumers and to one saga consumer at
 * the same moment; on a small machine their work otherwise competes for the CPU with the saga's next step
 * (docs/performance.md, section 13). A read model is at most {@code fetch-max-wait-ms} later; the saga's own
 * consumers keep Kafka's defaults and take each record as soon as it is committed.
 *
 * <p>Set {@code ordersaga.messaging.read-models.fetch-min-bytes=1} for read models that follow every record at once
 * (Kafka's default), as they did before.
 */
public final class ReadModelFetch {

    public static final String MIN_BYTES_PROPERTY = "ordersaga.messaging.read-models.fetch-min-bytes";
    public static final String MAX_WAIT_PROPERTY = "ordersaga.messaging.read-models.fetch-max-wait-ms";
    public static final int DEFAULT_MIN_BYTES = 65_536;
    public static final int DEFAULT_MAX_WAIT_MS = 200;

    /** For a read model's {@code @KafkaListener(properties = {ReadModelFetch.MIN_BYTES, ReadModelFetch.MAX_WAIT})}. */
    public static final String MIN_BYTES = ConsumerConfig.FETCH_MIN_BYTES_CONFIG + "=${" + MIN_BYTES_PROPERTY + "}";
    public static final String MAX_WAIT = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG + "=${" + MAX_WAIT_PROPERTY + "}";

    private ReadModelFetch() {
    }

    /** The two consumer settings, for a read model that builds its own consumer. */
    public static Map<String, Object> consumerConfig(Environment environment) {
        return Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                environment.getProperty(MIN_BYTES_PROPERTY, Integer.class, DEFAULT_MIN_BYTES),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                environment.getProperty(MAX_WAIT_PROPERTY, Integer.class, DEFAULT_MAX_WAIT_MS));
    }
}
