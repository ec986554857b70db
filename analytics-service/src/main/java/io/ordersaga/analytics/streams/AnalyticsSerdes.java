package io.ordersaga.analytics.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EnvelopeDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serdes of the topology. Saga records are read and written with messaging-support's {@link EnvelopeCodec}, so
 * this service speaks exactly the wire format of DESIGN section 3. Its own values (store contents, repartitioned
 * values, burst alerts) are plain JSON without type headers: no Java class name goes on the wire.
 */
public final class AnalyticsSerdes {

    /** The mapper of this service's own JSON: ISO-8601 instants, exact decimals, no nulls. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private AnalyticsSerdes() {
    }

    /** The saga envelope, typed by the {@code eventType} header; unreadable records fail as poison. */
    public static Serde<EventEnvelope<SagaEvent>> envelopes() {
        EnvelopeCodec codec = new EnvelopeCodec();
        Serializer<EventEnvelope<SagaEvent>> serializer = (topic, envelope) ->
                envelope == null ? null : codec.write(envelope);
        return Serdes.serdeFrom(serializer, new EnvelopeDeserializer(codec));
    }

    public static <T> Serde<T> json(Class<T> type) {
        return new JacksonJsonSerde<T>(type, JSON).noTypeInfo().ignoreTypeHeaders();
    }
}
