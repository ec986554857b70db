package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's account, rebuilt by replaying its ledger ({@link #replay}). It decides, and returns, the events
 * that change it; each decision is also applied at once, so later decisions on the same instance see it.
 *
 * <p>Invariants: balance = deposits (the opening balance included) − charges + refunds, and it never goes
 * below zero; an order is charged at most once and each charge is refunded at most once, in full.
 */
public final class Account {

    public static final String CURRENCY = "EUR";
    public static final int MAX_CUSTOMER_ID_LENGTH = 64;

    private final String customerId;
    private int version;
    private BigDecimal totalDeposited = Amount.ZERO;
    private BigDecimal totalCharged = Amount.ZERO;
    private BigDecimal totalRefunded = Amount.ZERO;
    private final Map<UUID, Charge> chargesByOrder = new LinkedHashMap<>();
    private Instant lastOccurredAt;

    private record Charge(UUID paymentId, BigDecimal amount, boolean refunded) {
    }

    private Account(String customerId) {
        this.customerId = customerId;
    }

    /** Decides the first event of a new account. */
    public static AccountOpened open(String customerId, BigDecimal initialBalance, Instant at) {
        Objects.requireNonNull(customerId, "customerId");
        if (customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new IllegalArgumentException("customerId must be 1 to " + MAX_CUSTOMER_ID_LENGTH + " characters");
        }
        return new AccountOpened(customerId, 1, initialBalance, at);
    }

    /** Rebuilds an account from its ledger, oldest event first. */
    public static Account replay(List<? extends AccountEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof AccountOpened opened)) {
            throw new IllegalArgumentException("A ledger starts with AccountOpened");
        }
        Account account = new Account(opened.accountId());
        events.forEach(account::apply);
        return account;
    }

    /** Rebuilds an account from a snapshot and the events after it; equal to replaying the whole ledger. */
    public static Account replay(AccountSnapshot snapshot, List<? extends AccountEvent> later) {
        Account account = new Account(snapshot.accountId());
        account.version = snapshot.version();
        account.totalDeposited = snapshot.totalDeposited();
        account.totalCharged = snapshot.totalCharged();
        account.totalRefunded = snapshot.totalRefunded();
        account.lastOccurredAt = snapshot.lastOccurredAt();
        snapshot.charges().forEach(charge -> account.chargesByOrder.put(charge.orderId(),
                new Charge(charge.paymentId(), charge.amount(), charge.refunded())));
        later.forEach(account::apply);
        return account;
    }

    /** Applies the next event of the ledger, e.g. to follow the balance through a page of history. */
    public void replayNext(AccountEvent event) {
        apply(event);
    }

    /** The state as of the current version. */
    public AccountSnapshot snapshot() {
        return new AccountSnapshot(customerId, version, totalDeposited, totalCharged, totalRefunded,
                chargesByOrder.entrySet().stream().map(entry -> new AccountSnapshot.ChargeState(entry.getKey(),
                        entry.getValue().paymentId(), entry.getValue().amount(), entry.getValue().refunded())).toList(),
                lastOccurredAt);
    }

    public MoneyDeposited deposit(BigDecimal amount, Instant at) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be greater than 0");
        }
        return record(new MoneyDeposited(customerId, version + 1, amount, at));
    }

    /** Charges {@code amount} for an order, unless the order was charged before or the balance is too low. */
    public ChargeDecision charge(UUID orderId, BigDecimal amount, Instant at) {
        Objects.requireNonNull(orderId, "orderId");
        BigDecimal total = Amount.of(amount, "amount");
        if (hasCharged(orderId)) {
            return ChargeDecision.refused(ChargeDecision.Outcome.ALREADY_CHARGED);
        }
        if (balance().compareTo(total) < 0) {
            return ChargeDecision.refused(ChargeDecision.Outcome.INSUFFICIENT_FUNDS);
        }
        return ChargeDecision.charged(record(
                new PaymentCharged(customerId, version + 1, orderId, UUID.randomUUID(), total, at)));
    }

    /** Refunds the order's charge in full; empty when there is no charge or it was refunded already. */
    public Optional<PaymentRefunded> refund(UUID orderId, Instant at) {
        Charge charge = chargesByOrder.get(orderId);
        if (charge == null || charge.refunded()) {
            return Optional.empty();
        }
        return Optional.of(record(
                new PaymentRefunded(customerId, version + 1, orderId, charge.paymentId(), charge.amount(), at)));
    }

    public boolean hasCharged(UUID orderId) {
        return chargesByOrder.containsKey(orderId);
    }

    public String customerId() {
        return customerId;
    }

    public int version() {
        return version;
    }

    public BigDecimal balance() {
        return totalDeposited.subtract(totalCharged).add(totalRefunded);
    }

    /** Every deposit, the opening balance included. */
    public BigDecimal totalDeposited() {
        return totalDeposited;
    }

    public BigDecimal totalCharged() {
        return totalCharged;
    }

    public BigDecimal totalRefunded() {
        return totalRefunded;
    }

    private <E extends AccountEvent> E record(E event) {
        apply(event);
        return event;
    }

    private void apply(AccountEvent event) {
        if (!event.accountId().equals(customerId)) {
            throw new IllegalArgumentException("Event of account " + event.accountId() + " in ledger of " + customerId);
        }
        if (event.version() != version + 1) {
            throw new IllegalStateException("Ledger of " + customerId + " expects version " + (version + 1)
                    + " but got " + event.version());
        }
        if (event instanceof AccountOpened opened) {
            if (version != 0) {
                throw new IllegalStateException("Account " + customerId + " is opened twice");
            }
            totalDeposited = totalDeposited.add(opened.amount());
        } else if (event instanceof MoneyDeposited deposited) {
            totalDeposited = totalDeposited.add(deposited.amount());
        } else if (event instanceof PaymentCharged charged) {
            applyCharge(charged);
        } else if (event instanceof PaymentRefunded refunded) {
            applyRefund(refunded);
        }
        version = event.version();
        lastOccurredAt = event.occurredAt();
    }

    private void applyCharge(PaymentCharged charged) {
        if (hasCharged(charged.orderId())) {
            throw new IllegalStateException("Order " + charged.orderId() + " is charged twice");
        }
        if (balance().compareTo(charged.amount()) < 0) {
            throw new IllegalStateException("Charge " + charged.paymentId() + " overdraws " + customerId);
        }
        totalCharged = totalCharged.add(charged.amount());
        chargesByOrder.put(charged.orderId(), new Charge(charged.paymentId(), charged.amount(), false));
    }

    private void applyRefund(PaymentRefunded refunded) {
        Charge charge = chargesByOrder.get(refunded.orderId());
        if (charge == null || charge.refunded() || !charge.paymentId().equals(refunded.paymentId())
                || charge.amount().compareTo(refunded.amount()) != 0) {
            throw new IllegalStateException("Refund " + refunded.paymentId() + " matches no open charge");
        }
        totalRefunded = totalRefunded.add(refunded.amount());
        chargesByOrder.put(refunded.orderId(), new Charge(charge.paymentId(), charge.amount(), true));
    }
}
