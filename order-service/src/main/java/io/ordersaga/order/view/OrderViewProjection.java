package io.ordersaga.order.view;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentScheduled;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies saga events to the read models in one schema ({@code views}, or {@code views_rebuild} while a rebuild
 * runs). Each record is applied exactly once: the position table, updated in the same transaction, says which
 * offsets of each partition the views reflect, and a record below it is skipped. The status only moves forward,
 * because one order's events arrive on different topics in any relative order.
 */
@Component
class OrderViewProjection {

    private static final String RANK = "array_position(ARRAY['PENDING','INVENTORY_RESERVED','PAID','COMPLETED','CANCELLED'], %s)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    OrderViewProjection(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Applies one record unless the views already reflect it; returns whether it changed anything. */
    boolean apply(String schema, String topic, int partition, long offset, EventEnvelope<SagaEvent> envelope) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Long next = jdbc.query("SELECT next_offset FROM " + schema + ".position WHERE topic = ? AND partition = ?"
                    + " FOR UPDATE", (rs, row) -> rs.getLong(1), topic, partition).stream().findFirst().orElse(0L);
            if (offset < next) {
                return false;
            }
            if (envelope != null) {
                apply(schema, envelope.data(), Timestamp.from(envelope.timestamp()));
            }
            jdbc.update("INSERT INTO " + schema + ".position (topic, partition, next_offset) VALUES (?, ?, ?)"
                    + " ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset",
                    topic, partition, offset + 1);
            return true;
        }));
    }

    /**
     * Applies a poll's records in one transaction (the caller's, if it has one): the positions of all its partitions
     * are read (locked) in one statement and written in one, and a record the views already reflect is skipped as in
     * {@link #apply(String, String, int, long, EventEnvelope)}. A record without a value (poison, dead-lettered by the
     * caller) only moves its partition's position on, as in a rebuild.
     */
    void applyAll(String schema, List<? extends ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        if (records.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Map<TopicPartition, Long> positions = positions(schema, records);
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            for (ConsumerRecord<String, EventEnvelope<SagaEvent>> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < next.getOrDefault(partition, positions.getOrDefault(partition, 0L))) {
                    continue;
                }
                if (record.value() != null) {
                    apply(schema, record.value().data(), Timestamp.from(record.value().timestamp()));
                }
                next.put(partition, record.offset() + 1);
            }
            if (!next.isEmpty()) {
                jdbc.update("INSERT INTO " + schema + ".position (topic, partition, next_offset)"
                        + " SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[])"
                        + " ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset",
                        next.keySet().stream().map(TopicPartition::topic).toArray(String[]::new),
                        next.keySet().stream().map(TopicPartition::partition).toArray(Integer[]::new),
                        next.values().toArray(Long[]::new));
            }
        });
    }

    /** The stored positions of the records' partitions, their rows locked; a partition without one starts at 0. */
    private Map<TopicPartition, Long> positions(String schema,
            List<? extends ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        List<TopicPartition> partitions = records.stream()
                .map(record -> new TopicPartition(record.topic(), record.partition())).distinct().toList();
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        jdbc.query("SELECT topic, partition, next_offset FROM " + schema + ".position"
                + " WHERE (topic, partition) IN (SELECT * FROM unnest(?::text[], ?::int[]))"
                + " ORDER BY topic, partition FOR UPDATE",
                rs -> {
                    positions.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                },
                partitions.stream().map(TopicPartition::topic).toArray(String[]::new),
                partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new));
        return positions;
    }

    private void apply(String schema, SagaEvent event, Timestamp at) {
        UUID orderId = event.orderId();
        if (event instanceof OrderPlaced placed) {
            step(schema, orderId, "PENDING", "placed_at", at, new Known("customer_id", placed.customerId()),
                    new Known("item_count", placed.items().stream().mapToInt(line -> line.quantity()).sum()));
        } else if (event instanceof InventoryReserved reserved) {
            step(schema, orderId, "INVENTORY_RESERVED", "reserved_at", at, total(reserved.totalAmount(),
                    reserved.currency()));
        } else if (event instanceof PaymentCompleted paid) {
            step(schema, orderId, "PAID", "paid_at", at, total(paid.amount(), paid.currency()));
        } else if (event instanceof ShipmentScheduled) {
            step(schema, orderId, null, "shipment_scheduled_at", at);
        } else if (event instanceof OrderCompleted completed) {
            step(schema, orderId, "COMPLETED", "completed_at", at, total(completed.totalAmount(),
                    completed.currency()));
            jdbc.update("INSERT INTO " + schema + ".daily_revenue (day, revenue, completed_orders) VALUES (?, ?, 1)"
                    + " ON CONFLICT (day) DO UPDATE SET revenue = daily_revenue.revenue + EXCLUDED.revenue,"
                    + " completed_orders = daily_revenue.completed_orders + 1",
                    at.toInstant().atOffset(ZoneOffset.UTC).toLocalDate(), completed.totalAmount());
        } else if (event instanceof OrderCancelled cancelled) {
            step(schema, orderId, "CANCELLED", "cancelled_at", at);
            jdbc.update("UPDATE " + schema + ".order_summary SET cancellation_reason = ?, customer_id ="
                    + " coalesce(customer_id, ?) WHERE order_id = ? AND status = 'CANCELLED'",
                    cancelled.reason().name(), cancelled.customerId(), orderId);
        } else if (event instanceof InventoryReleased) {
            step(schema, orderId, null, "released_at", at);
        } else if (event instanceof PaymentRefunded refunded) {
            step(schema, orderId, null, "refunded_at", at);
            jdbc.update("UPDATE " + schema + ".order_summary SET refunded_amount = refunded_amount + ? WHERE order_id = ?",
                    refunded.amount(), orderId);
            // A refund of a completed order lowers the revenue of the day it was completed on.
            jdbc.update("UPDATE " + schema + ".daily_revenue r SET refunds = r.refunds + ? FROM " + schema
                    + ".order_summary o WHERE o.order_id = ? AND o.status = 'COMPLETED'"
                    + " AND r.day = (o.completed_at AT TIME ZONE 'UTC')::date", refunded.amount(), orderId);
        } else {
            step(schema, orderId, null, null, at);
        }
    }

    /** A column the event tells; the first event that tells it sets it, later ones leave it. */
    private record Known(String column, Object value) {
    }

    private static Known[] total(BigDecimal amount, String currency) {
        return new Known[] {new Known("total_amount", amount), new Known("currency", currency)};
    }

    /**
     * Creates the order's row if needed, moves its status forward (never back, never out of a terminal one), and sets
     * the step's timestamp and the {@code known} columns where the row has none yet: one statement per event.
     */
    private void step(String schema, UUID orderId, String status, String timestampColumn, Timestamp at,
                      Known... known) {
        List<Known> columns = new ArrayList<>();
        if (timestampColumn != null) {
            columns.add(new Known(timestampColumn, at));
        }
        columns.addAll(List.of(known));
        List<Object> values = new ArrayList<>(List.of(orderId, status == null ? "PENDING" : status, at));
        columns.forEach(column -> values.add(column.value()));
        jdbc.update("INSERT INTO " + schema + ".order_summary (order_id, status, updated_at"
                + columns.stream().map(column -> ", " + column.column()).collect(Collectors.joining())
                + ") VALUES (?, ?, ?" + ", ?".repeat(columns.size()) + ") ON CONFLICT (order_id) DO UPDATE SET"
                + " status = CASE WHEN order_summary.status IN ('COMPLETED', 'CANCELLED') THEN order_summary.status"
                + " WHEN " + RANK.formatted("EXCLUDED.status") + " > " + RANK.formatted("order_summary.status")
                + " THEN EXCLUDED.status ELSE order_summary.status END,"
                + " updated_at = greatest(order_summary.updated_at, EXCLUDED.updated_at)"
                + columns.stream().map(column -> ", " + column.column() + " = coalesce(order_summary."
                        + column.column() + ", EXCLUDED." + column.column() + ")").collect(Collectors.joining()),
                values.toArray());
    }
}
