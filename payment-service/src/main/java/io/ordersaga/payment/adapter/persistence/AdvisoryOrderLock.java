package io.ordersaga.payment.adapter.persistence;

import io.ordersaga.payment.application.OrderLock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A transaction-scoped PostgreSQL advisory lock on the order id. An advisory lock needs no row, which matters
 * because an order has none here until it is charged or cancelled. The key is {@code hashtext(orderId)}: the same
 * lock the outbox takes when it writes an event of this order, so a handler only takes it earlier than it would
 * anyway (advisory locks are re-entrant) and no second lock, hence no new lock ordering, is introduced.
 */
@Component
class AdvisoryOrderLock implements OrderLock {

    private final JdbcTemplate jdbc;

    AdvisoryOrderLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock(UUID orderId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?)) IS NULL", Boolean.class, orderId.toString());
    }
}
