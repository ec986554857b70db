package io.ordersaga.order.view;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the live read models (schema {@value #LIVE}). */
@Component
class OrderViews {

    static final String LIVE = "views";

    private final JdbcTemplate jdbc;

    OrderViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record OrderSummary(UUID orderId, String customerId, String status, String cancellationReason,
                        BigDecimal totalAmount, String currency, BigDecimal refundedAmount, Integer itemCount,
                        Map<String, Instant> steps, Instant updatedAt) {
    }

    record DailyRevenue(LocalDate day, BigDecimal revenue, BigDecimal refunds, BigDecimal netRevenue,
                        int completedOrders) {
    }

    Optional<OrderSummary> order(UUID orderId) {
        return jdbc.query("SELECT * FROM " + LIVE + ".order_summary WHERE order_id = ?", OrderViews::summary, orderId)
                .stream().findFirst();
    }

    List<OrderSummary> ordersOf(String customerId, int offset, int limit) {
        return jdbc.query("SELECT * FROM " + LIVE + ".order_summary WHERE customer_id = ?"
                + " ORDER BY placed_at DESC NULLS LAST, order_id OFFSET ? LIMIT ?", OrderViews::summary,
                customerId, offset, limit);
    }

    Map<String, Long> countsByStatus(String customerId) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT status, count(*) FROM " + LIVE + ".order_summary WHERE customer_id = ? GROUP BY status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, customerId);
        return counts;
    }

    List<DailyRevenue> revenue(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT day, revenue, refunds, completed_orders FROM " + LIVE + ".daily_revenue"
                + " WHERE day BETWEEN ? AND ? ORDER BY day", (rs, row) -> new DailyRevenue(
                        rs.getObject("day", LocalDate.class), rs.getBigDecimal("revenue"), rs.getBigDecimal("refunds"),
                        rs.getBigDecimal("revenue").subtract(rs.getBigDecimal("refunds")), rs.getInt("completed_orders")),
                from, to);
    }

    /** The position the views reflect: per topic, the next offset of each partition. */
    Map<String, Map<Integer, Long>> position() {
        Map<String, Map<Integer, Long>> position = new TreeMap<>();
        jdbc.query("SELECT topic, partition, next_offset FROM " + LIVE + ".position", rs -> {
            position.computeIfAbsent(rs.getString(1), topic -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3));
        });
        return position;
    }

    private static OrderSummary summary(ResultSet rs, int row) throws SQLException {
        Map<String, Instant> steps = new LinkedHashMap<>();
        for (String step : List.of("placed", "reserved", "paid", "shipment_scheduled", "completed", "cancelled",
                "released", "refunded")) {
            Timestamp at = rs.getTimestamp(step + "_at");
            if (at != null) {
                steps.put(camel(step), at.toInstant());
            }
        }
        return new OrderSummary(rs.getObject("order_id", UUID.class), rs.getString("customer_id"),
                rs.getString("status"), rs.getString("cancellation_reason"), rs.getBigDecimal("total_amount"),
                rs.getString("currency"), rs.getBigDecimal("refunded_amount"), rs.getObject("item_count", Integer.class), steps,
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String camel(String snake) {
        int underscore = snake.indexOf('_');
        return underscore < 0 ? snake
                : snake.substring(0, underscore) + Character.toUpperCase(snake.charAt(underscore + 1))
                        + snake.substring(underscore + 2);
    }
}
