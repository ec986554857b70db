package io.ordersaga.systemtests.faults;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.sagaclient.SagaClient.Service;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts a scenario's effects from the events themselves, and holds them against each service's books: the first
 * line of evidence for "effects once" and "published if and only if committed" (DESIGN section 7). The schema's
 * unique indexes forbid a second charge, refund, reservation or shipment, so a count of the books alone cannot fail;
 * a second decision on the wire (a new event id) can, and so can a committed effect whose event never left, or an
 * event whose transaction is not in the books.
 *
 * <p>The wire is every record of the four saga topics keyed by one of the scenario's orders; a record sent again
 * with the same event id (a relay's resend) is a duplicate delivery, allowed and only counted. The books are read
 * with SQL from each service's database: payment's ledger, inventory's reservations, shipping's shipments and
 * order-service's orders.
 */
final class EffectAudit {

    static final String PAYMENT_DECISION_ONCE =
            "wire: at most one payment decision (PaymentCompleted / PaymentFailed) per order";
    /** Decisions of which an order has at most one on the wire (distinct event ids): check name to event types. */
    static final Map<String, Set<String>> ONCE_PER_ORDER = oncePerOrder();
    /** Records on the wire minus distinct event ids, per topic. */
    static final String DUPLICATES_BY_TOPIC = "duplicateDeliveriesOnTheWireByTopic";
    static final String ORDER_PLACED_ONCE = "wire: exactly one OrderPlaced per accepted order";
    static final String BOOKS_ONCE = "books: at most one charge and one refund (payment's ledger), one reservation"
            + " (inventory), one shipment (shipping) per order";
    static final String PAYMENT_AGREES = "payment: each charge in its ledger has its PaymentCompleted on the wire"
            + " and each refund its PaymentRefunded (by paymentId), and no such event lacks its ledger row";
    static final String INVENTORY_AGREES = "inventory: each reservation's decision in its books is on the wire, and"
            + " each InventoryReserved, InventoryReservationFailed and InventoryReleased on the wire is in its books";
    static final String SHIPPING_AGREES = "shipping: each shipment in its books is on the wire (ShipmentScheduled by"
            + " shipmentId, or ShipmentFailed), and each ShipmentScheduled on the wire is in its books";
    static final String ORDER_AGREES = "order: each accepted order and its outcome in its books are on the wire"
            + " (OrderPlaced, OrderCompleted / OrderCancelled), and each on the wire is in its books";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How many examples of a failed check the report shows. */
    private static final int EXAMPLES = 3;

    /** One record on the wire: its event type and id, and the event's data. */
    record WireEvent(String topic, String type, String eventId, JsonNode data) {
    }

    /**
     * What the audit found.
     *
     * @param findings check name to its violations (empty when it holds), in a stable order
     * @param doubled the orders with an effect twice: a decision twice on the wire, or an effect twice in the books
     * @param facts counts for the report: records and distinct events on the wire, duplicate deliveries
     */
    record Result(Map<String, List<String>> findings, Set<UUID> doubled, Map<String, Object> facts) {

        Map<String, Boolean> checks() {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            findings.forEach((name, violations) -> checks.put(name, violations.isEmpty()));
            return checks;
        }

        /** The first few violations of each failed check. */
        Map<String, List<String>> examples() {
            Map<String, List<String>> examples = new LinkedHashMap<>();
            findings.forEach((name, violations) -> {
                if (!violations.isEmpty()) {
                    examples.put(name, violations.subList(0, Math.min(EXAMPLES, violations.size())));
                }
            });
            return examples;
        }
    }

    private final FaultStack stack;

    EffectAudit(FaultStack stack) {
        this.stack = stack;
    }

    Result audit(Collection<UUID> orders) {
        Map<UUID, List<WireEvent>> wire = wire(orders);
        Map<String, List<String>> findings = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        long records = wire.values().stream().mapToLong(List::size).sum();
        long distinct = wire.values().stream().mapToLong(events -> ids(events, e -> true).size()).sum();
        facts.put("recordsOnTheWire", records);
        facts.put("duplicateDeliveriesOnTheWire", records - distinct);
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        wire.values().forEach(events -> events.stream().collect(java.util.stream.Collectors.groupingBy(
                WireEvent::topic, java.util.stream.Collectors.counting())).forEach((topic, count) -> byTopic.merge(
                topic, count - ids(events, e -> e.topic().equals(topic)).size(), Long::sum)));
        facts.put(DUPLICATES_BY_TOPIC, byTopic);

        List<String> placed = new ArrayList<>();
        for (UUID order : orders) {
            int count = ids(wire.getOrDefault(order, List.of()), e -> e.type().equals("OrderPlaced")).size();
            if (count != 1) {
                placed.add("order " + order + " has " + count + " OrderPlaced events");
            }
        }
        findings.put(ORDER_PLACED_ONCE, placed);
        Set<UUID> doubled = new HashSet<>();
        ONCE_PER_ORDER.forEach((name, types) -> {
            List<String> twice = new ArrayList<>();
            wire.forEach((order, events) -> {
                Set<String> ids = ids(events, e -> types.contains(e.type()));
                if (ids.size() > 1) {
                    twice.add("order " + order + " has " + ids.size() + " events of " + types + ": " + ids);
                    doubled.add(order);
                }
            });
            findings.put(name, twice);
        });

        Books books = books(orders);
        findings.put(BOOKS_ONCE, books.twice(doubled));
        findings.put(PAYMENT_AGREES, payment(orders, wire, books));
        findings.put(INVENTORY_AGREES, inventory(orders, wire, books));
        findings.put(SHIPPING_AGREES, shipping(orders, wire, books));
        findings.put(ORDER_AGREES, order(orders, wire, books));
        return new Result(findings, doubled, facts);
    }

    private static Map<String, Set<String>> oncePerOrder() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("wire: at most one reservation decision (InventoryReserved / InventoryReservationFailed) per order",
                Set.of("InventoryReserved", "InventoryReservationFailed"));
        groups.put(PAYMENT_DECISION_ONCE, Set.of("PaymentCompleted", "PaymentFailed"));
        groups.put("wire: at most one PaymentRefunded per order", Set.of("PaymentRefunded"));
        groups.put("wire: at most one InventoryReleased per order", Set.of("InventoryReleased"));
        groups.put("wire: at most one shipment decision (ShipmentScheduled / ShipmentFailed) per order",
                Set.of("ShipmentScheduled", "ShipmentFailed"));
        groups.put("wire: at most one order outcome (OrderCompleted / OrderCancelled) per order",
                Set.of("OrderCompleted", "OrderCancelled"));
        return java.util.Collections.unmodifiableMap(groups);
    }

    private static Set<String> ids(List<WireEvent> events, java.util.function.Predicate<WireEvent> filter) {
        Set<String> ids = new HashSet<>();
        events.stream().filter(filter).forEach(event -> ids.add(event.eventId()));
        return ids;
    }

    /** A field of the events of one type, e.g. the paymentIds of the PaymentCompleted events. */
    private static Set<String> field(List<WireEvent> events, String type, String field) {
        Set<String> values = new HashSet<>();
        events.stream().filter(e -> e.type().equals(type)).forEach(e -> values.add(e.data().path(field).asString()));
        return values;
    }

    private static boolean has(List<WireEvent> events, String type) {
        return events.stream().anyMatch(e -> e.type().equals(type));
    }

    private List<String> payment(Collection<UUID> orders, Map<UUID, List<WireEvent>> wire, Books books) {
        List<String> violations = new ArrayList<>();
        for (UUID order : orders) {
            List<WireEvent> events = wire.getOrDefault(order, List.of());
            compare(violations, order, "charge / PaymentCompleted", books.charges(order),
                    field(events, "PaymentCompleted", "paymentId"));
            compare(violations, order, "refund / PaymentRefunded", books.refunds(order),
                    field(events, "PaymentRefunded", "paymentId"));
        }
        return violations;
    }

    /** Adds a violation when the payment ids in the books and on the wire differ. */
    private static void compare(List<String> violations, UUID order, String what, Set<String> inBooks,
                                Set<String> onWire) {
        Set<String> unpublished = new HashSet<>(inBooks);
        unpublished.removeAll(onWire);
        Set<String> uncommitted = new HashSet<>(onWire);
        uncommitted.removeAll(inBooks);
        if (!unpublished.isEmpty()) {
            violations.add("order " + order + ": " + what + " committed but not published: " + unpublished);
        }
        if (!uncommitted.isEmpty()) {
            violations.add("order " + order + ": " + what + " published but not committed: " + uncommitted);
        }
    }

    private List<String> inventory(Collection<UUID> orders, Map<UUID, List<WireEvent>> wire, Books books) {
        return agree(orders, wire, books.reservations(), "reservation in inventory's books",
                List.of("InventoryReserved", "InventoryReservationFailed", "InventoryReleased"), (status, on) -> {
                    boolean reserved = on.contains("InventoryReserved");
                    boolean failed = on.contains("InventoryReservationFailed");
                    boolean released = on.contains("InventoryReleased");
                    // RELEASED without either event is a tombstone: an order cancelled before inventory saw it placed.
                    return switch (status) {
                        case "RESERVED", "SHIPPED" -> reserved && !failed && !released;
                        case "RELEASED" -> !failed && reserved == released;
                        case "REJECTED" -> failed && !reserved && !released;
                        default -> on.isEmpty();
                    };
                });
    }

    private List<String> shipping(Collection<UUID> orders, Map<UUID, List<WireEvent>> wire, Books books) {
        List<String> violations = new ArrayList<>();
        for (UUID order : orders) {
            List<WireEvent> events = wire.getOrDefault(order, List.of());
            Set<String> scheduled = field(events, "ShipmentScheduled", "shipmentId");
            boolean failed = has(events, "ShipmentFailed");
            Map<String, String> shipments = books.shipments().getOrDefault(order, Map.of());
            Set<String> booked = new HashSet<>();
            shipments.forEach((id, status) -> {
                if (!status.equals("FAILED")) {
                    booked.add(id);
                }
            });
            compare(violations, order, "shipment / ShipmentScheduled", booked, scheduled);
            if (shipments.containsValue("FAILED") != failed) {
                violations.add("order " + order + ": a FAILED shipment in shipping's books " + shipments
                        .containsValue("FAILED") + ", ShipmentFailed on the wire " + failed);
            }
        }
        return violations;
    }

    private List<String> order(Collection<UUID> orders, Map<UUID, List<WireEvent>> wire, Books books) {
        return agree(orders, wire, books.orders(), "in order-service's books",
                List.of("OrderPlaced", "OrderCompleted", "OrderCancelled"), (status, on) -> !status.equals("absent")
                        && on.contains("OrderPlaced") && on.contains("OrderCompleted") == status.equals("COMPLETED")
                        && on.contains("OrderCancelled") == status.equals("CANCELLED"));
    }

    /**
     * For each order: whether its status in a service's books ("absent" when it has none) agrees with which of
     * {@code types} are on the wire.
     */
    private static List<String> agree(Collection<UUID> orders, Map<UUID, List<WireEvent>> wire,
                                      Map<UUID, String> statuses, String what, List<String> types,
                                      java.util.function.BiPredicate<String, Set<String>> agrees) {
        List<String> violations = new ArrayList<>();
        for (UUID order : orders) {
            String status = statuses.getOrDefault(order, "absent");
            Set<String> on = new java.util.TreeSet<>();
            wire.getOrDefault(order, List.of()).stream().map(WireEvent::type).filter(types::contains).forEach(on::add);
            if (!agrees.test(status, on)) {
                violations.add("order " + order + ": " + status + " " + what + ", on the wire " + on);
            }
        }
        return violations;
    }

    /** Every record of the saga topics keyed by one of {@code orders}, read from the start of each partition. */
    private Map<UUID, List<WireEvent>> wire(Collection<UUID> orders) {
        Map<String, UUID> byKey = new HashMap<>();
        orders.forEach(order -> byKey.put(order.toString(), order));
        Map<UUID, List<WireEvent>> wire = new HashMap<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.SAGA_TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read the saga topics to their end within 120 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    UUID order = byKey.get(record.key());
                    if (order != null) {
                        wire.computeIfAbsent(order, o -> new ArrayList<>()).add(new WireEvent(record.topic(),
                                EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE),
                                EventHeaders.text(record.headers(), EventHeaders.EVENT_ID),
                                JSON.readTree(record.value()).path("data")));
                    }
                }
            }
        }
        return wire;
    }

    /**
     * What the services committed for the orders.
     *
     * @param payments order to (event type, paymentId) rows of payment's ledger
     * @param reservations order to its reservation's status
     * @param shipments order to its shipments (id to status)
     * @param orders order to its status
     */
    private record Books(Map<UUID, List<String[]>> payments, Map<UUID, String> reservations,
                         Map<UUID, Map<String, String>> shipments, Map<UUID, String> orders) {

        Set<String> charges(UUID order) {
            return ids(order, "PaymentCharged");
        }

        Set<String> refunds(UUID order) {
            return ids(order, "PaymentRefunded");
        }

        private Set<String> ids(UUID order, String type) {
            Set<String> ids = new HashSet<>();
            payments.getOrDefault(order, List.of()).stream().filter(row -> row[0].equals(type))
                    .forEach(row -> ids.add(row[1]));
            return ids;
        }

        /** Orders with an effect twice in the books (the schema forbids each: the second line of defence). */
        List<String> twice(Set<UUID> doubled) {
            List<String> twice = new ArrayList<>();
            payments.forEach((order, rows) -> {
                for (String type : List.of("PaymentCharged", "PaymentRefunded")) {
                    long count = rows.stream().filter(row -> row[0].equals(type)).count();
                    if (count > 1) {
                        twice.add("order " + order + " has " + count + " " + type + " rows in payment's ledger");
                        doubled.add(order);
                    }
                }
            });
            shipments.forEach((order, byId) -> {
                if (byId.size() > 1) {
                    twice.add("order " + order + " has " + byId.size() + " shipments");
                    doubled.add(order);
                }
            });
            return twice;
        }
    }

    private Books books(Collection<UUID> orders) {
        Map<UUID, List<String[]>> payments = new HashMap<>();
        query(Service.PAYMENT, "SELECT order_id, event_type, payment_id FROM account_event WHERE order_id = ANY (?)",
                orders, rs -> payments.computeIfAbsent(uuid(rs, 1), o -> new ArrayList<>())
                        .add(new String[] {rs.getString(2), rs.getString(3)}));
        Map<UUID, String> reservations = new HashMap<>();
        query(Service.INVENTORY, "SELECT order_id, status FROM reservation WHERE order_id = ANY (?)", orders,
                rs -> reservations.put(uuid(rs, 1), rs.getString(2)));
        Map<UUID, Map<String, String>> shipments = new HashMap<>();
        query(Service.SHIPPING, "SELECT order_id, shipment_id, status FROM shipment WHERE order_id = ANY (?)", orders,
                rs -> shipments.computeIfAbsent(uuid(rs, 1), o -> new HashMap<>()).put(rs.getString(2),
                        rs.getString(3)));
        Map<UUID, String> statuses = new HashMap<>();
        query(Service.ORDER, "SELECT order_id, status FROM orders WHERE order_id = ANY (?)", orders,
                rs -> statuses.put(uuid(rs, 1), rs.getString(2)));
        return new Books(payments, reservations, shipments, statuses);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(Service service, String sql, Collection<UUID> orders, Row row) {
        try (Connection connection = stack.superuser(service);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", orders.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + service + "'s books", e);
        }
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
