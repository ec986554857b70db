package io.ordersaga.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every upcaster of the published language, and the chain that brings old event data to the current version. */
public final class Upcasters {

    private static final List<Upcaster> ALL = List.of(new OrderPlacedV1ToV2());

    private Upcasters() {
    }

    /**
     * Brings {@code data} of {@code type} from {@code version} to {@code type.version()}, one step at a time.
     *
     * @throws IllegalArgumentException when the version is newer than this code knows, or a step is missing
     */
    public static Map<String, Object> toCurrent(EventType type, int version, Map<String, Object> data) {
        if (version > type.version()) {
            throw new IllegalArgumentException(type.id() + " v" + version + " is newer than the v" + type.version()
                    + " this consumer understands");
        }
        if (version < 1) {
            throw new IllegalArgumentException(type.id() + " has no version " + version);
        }
        Map<String, Object> current = new LinkedHashMap<>(data);
        for (int from = version; from < type.version(); from++) {
            int step = from;
            Upcaster upcaster = find(type, step).orElseThrow(() -> new IllegalArgumentException(
                    "No upcaster from " + type.id() + " v" + step + " to v" + (step + 1)));
            current = upcaster.upcast(current);
        }
        return current;
    }

    static Optional<Upcaster> find(EventType type, int fromVersion) {
        return ALL.stream().filter(u -> u.type() == type && u.fromVersion() == fromVersion).findFirst();
    }

    /** OrderPlaced v1 {@code customerId} → v2 {@code customer: {customerId, name}}, named after the addressee. */
    static final class OrderPlacedV1ToV2 implements Upcaster {

        @Override
        public EventType type() {
            return EventType.ORDER_PLACED;
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public Map<String, Object> upcast(Map<String, Object> data) {
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("customerId", data.remove("customerId"));
            if (data.get("shippingAddress") instanceof Map<?, ?> address && address.get("name") != null) {
                customer.put("name", address.get("name"));
            }
            Map<String, Object> v2 = new LinkedHashMap<>();
            data.forEach((key, value) -> {
                v2.put(key, value);
                if (key.equals("orderId")) {
                    v2.put("customer", customer);
                }
            });
            v2.putIfAbsent("customer", customer);
            return v2;
        }
    }
}
