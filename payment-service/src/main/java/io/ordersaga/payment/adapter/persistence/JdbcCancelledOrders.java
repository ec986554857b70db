package io.ordersaga.payment.adapter.persistence;

import io.ordersaga.payment.domain.CancelledOrders;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCancelledOrders implements CancelledOrders {

    private final JdbcTemplate jdbc;

    JdbcCancelledOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean contains(UUID orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM cancelled_order WHERE order_id = ?)", Boolean.class, orderId));
    }

    @Override
    public void add(UUID orderId) {
        jdbc.update("INSERT INTO cancelled_order (order_id) VALUES (?) ON CONFLICT DO NOTHING", orderId);
    }
}
