package io.ordersaga.benchmarks.load;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code order.events} says about each order: the envelope timestamp of OrderPlaced (accepted) and of
 * OrderCompleted or OrderCancelled (ended), with the cancellation reason. Timestamps are the order-service's own
 * clock, read when it made the change, so they do not depend on when anyone looks.
 */
public final class OrderEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<UUID, SagaTimes> orders = new ConcurrentHashMap<>();
    private final AtomicLong ended = new AtomicLong();

    /** What was seen of one order; times are wall-clock microseconds since the epoch. */
    public static final class SagaTimes {
        private volatile long placedMicros;
        private volatile long endedMicros;
        private volatile String reason;
        private volatile String status;

        public long placedMicros() {
            return placedMicros;
        }

        public long endedMicros() {
            return endedMicros;
        }

        /** COMPLETED or CANCELLED once ended, else {@code null}. */
        public String status() {
            return status;
        }

        /** The cancellation reason of a CANCELLED order. */
        public String reason() {
            return reason;
        }

        public boolean hasEnded() {
            return status != null;
        }
    }

    /**
     * Records one record of {@code order.events}; anything that is not a readable OrderPlaced, OrderCompleted or
     * OrderCancelled envelope is ignored (the services dead-letter what they cannot read).
     *
     * @param eventType the record's {@code eventType} header
     */
    public void accept(String eventType, byte[] value) {
        if (value == null || !(eventType.equals("OrderPlaced") || eventType.equals("OrderCompleted")
                || eventType.equals("OrderCancelled"))) {
            return;
        }
        UUID orderId;
        long micros;
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
            orderId = UUID.fromString(envelope.path("data").path("orderId").asString());
            micros = WallClock.epochMicros(Instant.parse(envelope.path("timestamp").asString()));
        } catch (RuntimeException e) {
            return;
        }
        SagaTimes times = orders.computeIfAbsent(orderId, id -> new SagaTimes());
        if (eventType.equals("OrderPlaced")) {
            times.placedMicros = micros;
        } else if (!times.hasEnded()) {
            times.endedMicros = micros;
            times.reason = eventType.equals("OrderCancelled") ? envelope.path("data").path("reason").asString() : null;
            times.status = eventType.equals("OrderCompleted") ? "COMPLETED" : "CANCELLED"; // last: publishes the rest
            ended.incrementAndGet();
        }
    }

    public Optional<SagaTimes> order(UUID orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** Orders that ended, of this run or of any other client of the suite. */
    public long endedCount() {
        return ended.get();
    }
}
