package io.ordersaga.benchmarks.load;

import java.time.Instant;
import java.util.List;
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
 *
 * <p>Following hops as well (all four saga topics), it keeps, for each event of a completed order's chain
 * ({@link #CHAIN}), when its service published it (the envelope's timestamp, inside the handler's transaction) and
 * when the relay sent it (the record's timestamp, set by the relay's producer). On one machine the clocks agree; on
 * several, the hops are only as good as their clock sync.
 */
public final class OrderEvents {

    /** A completed order's events, in the order the saga publishes them. */
    public static final List<String> CHAIN = List.of("OrderPlaced", "InventoryReserved", "PaymentCompleted",
            "ShipmentScheduled", "OrderCompleted");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<UUID, SagaTimes> orders = new ConcurrentHashMap<>();
    private final AtomicLong ended = new AtomicLong();
    private final boolean hops;

    /** Only the start and the end of each order. */
    public OrderEvents() {
        this(false);
    }

    /** With {@code hops}, also the publish and send times of every event of the chain. */
    public OrderEvents(boolean hops) {
        this.hops = hops;
    }

    /** What was seen of one order; times are wall-clock microseconds since the epoch. */
    public static final class SagaTimes {
        private volatile long placedMicros;
        private volatile long endedMicros;
        private volatile String reason;
        private volatile String status;
        private final long[] publishedMicros = new long[CHAIN.size()];
        private final long[] sentMicros = new long[CHAIN.size()];

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

        /**
         * The hops of the chain, in microseconds, when every event of it was seen: {@code relay[i]} from the
         * publish of {@code CHAIN[i]} to its send, {@code consume[i]} from that send to the publish of
         * {@code CHAIN[i + 1]} (the broker, the next service's poll and its transaction up to the handler).
         */
        public Optional<Hops> hops() {
            synchronized (this) {
                for (int i = 0; i < CHAIN.size(); i++) {
                    if (publishedMicros[i] == 0 || sentMicros[i] == 0) {
                        return Optional.empty();
                    }
                }
                long[] relay = new long[CHAIN.size()];
                long[] consume = new long[CHAIN.size() - 1];
                for (int i = 0; i < CHAIN.size(); i++) {
                    relay[i] = sentMicros[i] - publishedMicros[i];
                    if (i + 1 < CHAIN.size()) {
                        consume[i] = publishedMicros[i + 1] - sentMicros[i];
                    }
                }
                return Optional.of(new Hops(relay, consume));
            }
        }

        private synchronized void hop(int step, long published, long sent) {
            publishedMicros[step] = published;
            sentMicros[step] = sent;
        }
    }

    /** One completed order's hops, in microseconds; see {@link SagaTimes#hops()}. */
    public record Hops(long[] relay, long[] consume) {
    }

    /**
     * Records one record of {@code order.events}; anything that is not a readable OrderPlaced, OrderCompleted or
     * OrderCancelled envelope is ignored (the services dead-letter what they cannot read).
     *
     * @param eventType the record's {@code eventType} header
     */
    public void accept(String eventType, byte[] value) {
        accept(eventType, value, 0);
    }

    /**
     * Records one record of a saga topic, with the record's timestamp (epoch milliseconds, 0 when unknown): what
     * {@link #accept(String, byte[])} records, and, when following hops, the publish and send of a chain event.
     */
    public void accept(String eventType, byte[] value, long sentEpochMillis) {
        int step = hops && sentEpochMillis > 0 ? CHAIN.indexOf(eventType) : -1;
        if (value == null || step < 0 && !(eventType.equals("OrderPlaced") || ends(eventType))) {
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
        if (step >= 0) {
            times.hop(step, micros, sentEpochMillis * 1000);
        }
        if (eventType.equals("OrderPlaced")) {
            times.placedMicros = micros;
        } else if (ends(eventType) && !times.hasEnded()) {
            times.endedMicros = micros;
            times.reason = eventType.equals("OrderCancelled") ? envelope.path("data").path("reason").asString() : null;
            times.status = eventType.equals("OrderCompleted") ? "COMPLETED" : "CANCELLED"; // last: publishes the rest
            ended.incrementAndGet();
        }
    }

    private static boolean ends(String eventType) {
        return eventType.equals("OrderCompleted") || eventType.equals("OrderCancelled");
    }

    public Optional<SagaTimes> order(UUID orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** Orders that ended, of this run or of any other client of the suite. */
    public long endedCount() {
        return ended.get();
    }
}
