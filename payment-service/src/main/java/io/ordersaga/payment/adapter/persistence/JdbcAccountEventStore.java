package io.ordersaga.payment.adapter.persistence;

import io.ordersaga.payment.domain.Account;
import io.ordersaga.payment.domain.AccountEvent;
import io.ordersaga.payment.domain.AccountEventStore;
import io.ordersaga.payment.domain.AccountOpened;
import io.ordersaga.payment.domain.AccountSnapshot;
import io.ordersaga.payment.domain.MoneyDeposited;
import io.ordersaga.payment.domain.PaymentCharged;
import io.ordersaga.payment.domain.PaymentRefunded;
import io.ordersaga.payment.domain.VersionConflictException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The ledger in {@code account_event}, written with plain SQL: an append-only table needs no ORM. */
@Repository
class JdbcAccountEventStore implements AccountEventStore {

    private static final String COLUMNS = "account_id, version, event_type, amount, order_id, payment_id, occurred_at";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    JdbcAccountEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Account> account(String accountId) {
        Optional<AccountSnapshot> snapshot = latestSnapshot(accountId, "", new Object[0]);
        return rebuild(accountId, snapshot, "", new Object[0]);
    }

    @Override
    public Optional<Account> accountAtVersion(String accountId, int version) {
        Object[] bound = {version};
        return rebuild(accountId, latestSnapshot(accountId, " AND version <= ?", bound), " AND version <= ?", bound);
    }

    @Override
    public Optional<Account> accountAsOf(String accountId, Instant instant) {
        Optional<AccountSnapshot> snapshot =
                latestSnapshot(accountId, " AND last_occurred_at <= ?", new Object[] {Timestamp.from(instant)});
        int from = snapshot.map(AccountSnapshot::version).orElse(0);
        List<AccountEvent> until = new ArrayList<>();
        // Versions, not timestamps, order a ledger: take its prefix up to the first event after the instant.
        for (AccountEvent event : jdbc.query("SELECT " + COLUMNS + " FROM account_event WHERE account_id = ?"
                + " AND version > ? ORDER BY version", JdbcAccountEventStore::event, accountId, from)) {
            if (event.occurredAt().isAfter(instant)) {
                break;
            }
            until.add(event);
        }
        if (snapshot.isPresent()) {
            return Optional.of(Account.replay(snapshot.get(), until));
        }
        return until.isEmpty() ? Optional.empty() : Optional.of(Account.replay(until));
    }

    @Override
    public List<AccountEvent> history(String accountId, int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM account_event WHERE account_id = ? ORDER BY version"
                + " OFFSET ? LIMIT ?", JdbcAccountEventStore::event, accountId, offset, limit);
    }

    @Override
    public int size(String accountId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM account_event WHERE account_id = ?", Integer.class,
                accountId);
        return count == null ? 0 : count;
    }

    @Override
    public void saveSnapshot(AccountSnapshot snapshot) {
        jdbc.update("""
                INSERT INTO account_snapshot (account_id, version, state, last_occurred_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (account_id, version) DO NOTHING""",
                snapshot.accountId(), snapshot.version(), JSON.writeValueAsString(SnapshotState.of(snapshot)),
                Timestamp.from(snapshot.lastOccurredAt()));
    }

    private Optional<AccountSnapshot> latestSnapshot(String accountId, String condition, Object[] bound) {
        Object[] args = new Object[bound.length + 1];
        args[0] = accountId;
        System.arraycopy(bound, 0, args, 1, bound.length);
        return jdbc.query("SELECT account_id, version, state, last_occurred_at FROM account_snapshot"
                + " WHERE account_id = ?" + condition + " ORDER BY version DESC LIMIT 1",
                (rs, row) -> JSON.readValue(rs.getString("state"), SnapshotState.class).toSnapshot(
                        rs.getString("account_id"), rs.getInt("version"),
                        rs.getTimestamp("last_occurred_at").toInstant()), args).stream().findFirst();
    }

    private Optional<Account> rebuild(String accountId, Optional<AccountSnapshot> snapshot, String condition,
                                      Object[] bound) {
        Object[] args = new Object[bound.length + 2];
        args[0] = accountId;
        args[1] = snapshot.map(AccountSnapshot::version).orElse(0);
        System.arraycopy(bound, 0, args, 2, bound.length);
        List<AccountEvent> later = jdbc.query("SELECT " + COLUMNS + " FROM account_event WHERE account_id = ?"
                + " AND version > ?" + condition + " ORDER BY version", JdbcAccountEventStore::event, args);
        if (snapshot.isPresent()) {
            return Optional.of(Account.replay(snapshot.get(), later));
        }
        return later.isEmpty() ? Optional.empty() : Optional.of(Account.replay(later));
    }

    /** The JSON kept in {@code account_snapshot.state}. */
    record SnapshotState(BigDecimal totalDeposited, BigDecimal totalCharged, BigDecimal totalRefunded,
                         List<AccountSnapshot.ChargeState> charges) {

        static SnapshotState of(AccountSnapshot snapshot) {
            return new SnapshotState(snapshot.totalDeposited(), snapshot.totalCharged(), snapshot.totalRefunded(),
                    snapshot.charges());
        }

        AccountSnapshot toSnapshot(String accountId, int version, Instant lastOccurredAt) {
            return new AccountSnapshot(accountId, version, totalDeposited, totalCharged, totalRefunded, charges,
                    lastOccurredAt);
        }
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
