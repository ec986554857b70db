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
 * What {@code order.events} says about each order: the envelope timestamp of OrderPlaced (accepted), and when the
 * tap received OrderCompleted or OrderCancelled (ended), with the cancellation reason. The end is when a client
 * following the topic could first have seen it, so it includes the relay's send of the terminal event and the
 * broker's delivery, which the envelope's timestamp (taken inside order-service's handler, before its transaction
 * commits) leaves out.
 *
 * <p>Only what is needed is parsed: the event type is the record's header, and an OrderCompleted's order id is its
 * key (order.events is keyed by order id), so its body is not read at all; OrderPlaced (its timestamp) and
 * OrderCancelled (its reason) are.
 *
 * <p>Following hops as well (all four saga topics), it keeps, for each event of a completed order's chain
 * ({@link #CHAIN}), when its service published it (the envelope's timestamp, inside the handler's transaction) and
 * when the relay sent it (the record's timestamp: CreateTime, set by the relay's producer, as the saga topics keep
 * the default {@code message.timestamp.type}). On one machine the clocks agree; on several, the hops are only as
 * good as their clock sync.
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
     * Records one record of a saga topic; anything that is not a readable OrderPlaced, OrderCompleted or
     * OrderCancelled (or, when following hops, a chain event) is ignored (the services dead-letter what they cannot
     * read).
     *
     * @param eventType the record's {@code eventType} header
     * @param key the record's key: the order id on order.events
     * @param recordMillis the record's timestamp (epoch milliseconds, 0 when unknown)
     * @param receivedMicros when the tap received it (wall-clock microseconds): an order's end
     */
    public void accept(String eventType, String key, byte[] value, long recordMillis, long receivedMicros) {
        int step = hops && recordMillis > 0 ? CHAIN.indexOf(eventType) : -1;
        boolean placed = eventType.equals("OrderPlaced");
        if (value == null || step < 0 && !placed && !ends(eventType)) {
            return;
        }
        UUID orderId;
        long publishedMicros = 0;
        JsonNode data = null;
        try {
            if (step >= 0 || placed || eventType.equals("OrderCancelled")) {
                JsonNode envelope = JSON.readTree(value);
                data = envelope.path("data");
                orderId = UUID.fromString(data.path("orderId").asString());
                publishedMicros = WallClock.epochMicros(Instant.parse(envelope.path("timestamp").asString()));
            } else {
                orderId = UUID.fromString(key); // OrderCompleted: the key says all it needs
            }
        } catch (RuntimeException e) {
            return;
        }
        SagaTimes times = orders.computeIfAbsent(orderId, id -> new SagaTimes());
        if (step >= 0) {
            times.hop(step, publishedMicros, recordMillis * 1000);
        }
        if (placed) {
            times.placedMicros = publishedMicros;
        } else if (ends(eventType) && !times.hasEnded()) {
            times.endedMicros = receivedMicros;
            times.reason = data == null ? null : data.path("reason").asString();
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
