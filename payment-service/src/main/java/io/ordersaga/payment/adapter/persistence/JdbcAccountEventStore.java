package io.ordersaga.payment.adapter.persistence;

import io.ordersaga.payment.domain.AccountEvent;
import io.ordersaga.payment.domain.AccountEventStore;
import io.ordersaga.payment.domain.AccountOpened;
import io.ordersaga.payment.domain.MoneyDeposited;
import io.ordersaga.payment.domain.PaymentCharged;
import io.ordersaga.payment.domain.PaymentRefunded;
import io.ordersaga.payment.domain.VersionConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ledger in {@code account_event}, written with plain SQL: an append-only table needs no ORM. */
@Repository
class JdbcAccountEventStore implements AccountEventStore {

    private static final String COLUMNS = "account_id, version, event_type, amount, order_id, payment_id, occurred_at";

    private final JdbcTemplate jdbc;

    JdbcAccountEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccountEvent> load(String accountId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM account_event WHERE account_id = ? ORDER BY version",
                JdbcAccountEventStore::event, accountId);
    }

    /**
     * A duplicate key here is a lost race: the version was taken (or, as a backstop, the order was charged or
     * refunded) by a concurrent writer. The caller must roll back to a savepoint before reusing the transaction.
     */
    @Override
    public void append(AccountEvent event) {
        UUID orderId = null;
        UUID paymentId = null;
        if (event instanceof PaymentCharged charged) {
            orderId = charged.orderId();
            paymentId = charged.paymentId();
        } else if (event instanceof PaymentRefunded refunded) {
            orderId = refunded.orderId();
            paymentId = refunded.paymentId();
        }
        try {
            jdbc.update("INSERT INTO account_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    event.accountId(), event.version(), event.getClass().getSimpleName(), event.amount(), orderId,
                    paymentId, Timestamp.from(event.occurredAt()));
        } catch (DuplicateKeyException e) {
            throw new VersionConflictException(event.accountId(), event.version());
        }
    }

    @Override
    public Optional<String> accountChargedFor(UUID orderId) {
        return jdbc.queryForList("""
                SELECT account_id FROM account_event WHERE order_id = ? AND event_type = 'PaymentCharged'""",
                String.class, orderId).stream().findFirst();
    }

    @Override
    public List<AccountEvent> paymentsOf(UUID orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM account_event WHERE order_id = ? ORDER BY id",
                JdbcAccountEventStore::event, orderId);
    }

    private static AccountEvent event(ResultSet rs, int row) throws SQLException {
        String accountId = rs.getString("account_id");
        int version = rs.getInt("version");
        var amount = rs.getBigDecimal("amount");
        var occurredAt = rs.getTimestamp("occurred_at").toInstant();
        String type = rs.getString("event_type");
        switch (type) {
            case "AccountOpened":
                return new AccountOpened(accountId, version, amount, occurredAt);
            case "MoneyDeposited":
                return new MoneyDeposited(accountId, version, amount, occurredAt);
            case "PaymentCharged":
                return new PaymentCharged(accountId, version, rs.getObject("order_id", UUID.class),
                        rs.getObject("payment_id", UUID.class), amount, occurredAt);
            case "PaymentRefunded":
                return new PaymentRefunded(accountId, version, rs.getObject("order_id", UUID.class),
                        rs.getObject("payment_id", UUID.class), amount, occurredAt);
            default:
                throw new IllegalStateException("Unknown account event type " + type);
        }
    }
}
