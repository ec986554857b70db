package io.ordersaga.payment.application;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.payment.domain.Account;
import io.ordersaga.payment.domain.AccountEvent;
import io.ordersaga.payment.domain.AccountEventStore;
import io.ordersaga.payment.domain.AccountOpened;
import io.ordersaga.payment.domain.CancelledOrders;
import io.ordersaga.payment.domain.ChargeDecision;
import io.ordersaga.payment.domain.Payment;
import io.ordersaga.payment.domain.PaymentCharged;
import io.ordersaga.payment.domain.PaymentRefunded;
import io.ordersaga.payment.domain.VersionConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of payment-service. Saga handlers join the inbox's transaction, so the ledger append, the outgoing
 * event (outbox) and the record of having handled the incoming event commit together.
 *
 * <p>Handlers first lock the order ({@link OrderLock}): InventoryReserved arrives on inventory.events while
 * OrderCancelled and ShipmentFailed arrive on other topics, so different listener threads may handle one order at
 * the same time. Under the lock "is it cancelled?" and "charge it" cannot interleave with "is it charged?" and
 * "remember the cancellation". The account itself is guarded optimistically by its ledger version
 * ({@link LedgerRetry}), since charges of different orders on one account must not wait for each other's locks.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final AccountEventStore ledger;
    private final CancelledOrders cancelledOrders;
    private final OrderLock orderLock;
    private final LedgerRetry retry;
    private final EventPublisher events;
    private final Clock clock;
    private final int snapshotEvery;

    PaymentService(AccountEventStore ledger, CancelledOrders cancelledOrders, OrderLock orderLock, LedgerRetry retry,
                   EventPublisher events, Clock clock,
                   @Value("${ordersaga.payment.snapshot-every:100}") int snapshotEvery) {
        this.ledger = ledger;
        this.cancelledOrders = cancelledOrders;
        this.orderLock = orderLock;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("ordersaga.payment.snapshot-every must be at least 1");
        }
        this.snapshotEvery = snapshotEvery;
    }

    @Transactional
    public Account openAccount(String customerId, BigDecimal initialBalance) {
        AccountOpened opened = Account.open(customerId, initialBalance, now());
        if (!ledger.load(customerId).isEmpty()) {
            throw accountExists(customerId);
        }
        try {
            ledger.append(opened);
        } catch (VersionConflictException e) {
            throw accountExists(customerId);
        }
        log.info("Opened account {} with {} {}", customerId, opened.initialBalance(), Account.CURRENCY);
        return Account.replay(List.of(opened));
    }

    @Transactional
    public Account deposit(String customerId, BigDecimal amount) {
        return retry.run(() -> {
            Account account = existing(customerId);
            append(account, account.deposit(amount, now()));
            return account;
        });
    }

    @Transactional(readOnly = true)
    public Account account(String customerId) {
        return existing(customerId);
    }

    /** The account as it was at {@code instant}, replayed from the ledger (and a snapshot taken before it). */
    @Transactional(readOnly = true)
    public Account accountAsOf(String customerId, Instant instant) {
        existing(customerId);
        return ledger.accountAsOf(customerId, instant).orElseThrow(() -> new NotFoundException(
                "The account of customer '" + customerId + "' was not open yet at " + instant));
    }

    /** A page of the account's ledger, oldest first, each event with the balance right after it. */
    @Transactional(readOnly = true)
    public LedgerPage history(String customerId, int page, int size) {
        existing(customerId);
        List<AccountEvent> events = ledger.history(customerId, page * size, size);
        List<LedgerPage.Entry> entries = new ArrayList<>(events.size());
        if (!events.isEmpty()) {
            // The state before the page, so each entry can show the balance after it; on the first page there is
            // none yet, and the page's AccountOpened starts the replay.
            Account account = ledger.accountAtVersion(customerId, events.get(0).version() - 1).orElse(null);
            for (AccountEvent event : events) {
                if (account == null) {
                    account = Account.replay(List.of(event));
                } else {
                    account.replayNext(event);
                }
                entries.add(new LedgerPage.Entry(event, account.balance()));
            }
        }
        return new LedgerPage(entries, page, size, ledger.size(customerId));
    }

    @Transactional(readOnly = true)
    public List<Payment> payments(UUID orderId) {
        return Payment.from(ledger.paymentsOf(orderId));
    }

    /** Charges the order's total, or declines it; an order charged before is left alone. */
    @Transactional
    public void onInventoryReserved(InventoryReserved reserved) {
        orderLock.lock(reserved.orderId());
        retry.run(() -> decideCharge(reserved)).ifPresent(events::publish);
    }

    @Transactional
    public void onShipmentFailed(ShipmentFailed failed) {
        orderLock.lock(failed.orderId());
        refund(failed.orderId(), "its shipment failed");
    }

    /** Refunds a charge if there is one, and remembers the cancellation so a late charge is refused. */
    @Transactional
    public void onOrderCancelled(OrderCancelled cancelled) {
        orderLock.lock(cancelled.orderId());
        cancelledOrders.add(cancelled.orderId());
        refund(cancelled.orderId(), "it was cancelled (" + cancelled.reason() + ")");
    }

    private Optional<SagaEvent> decideCharge(InventoryReserved reserved) {
        UUID orderId = reserved.orderId();
        Optional<Account> found = ledger.account(reserved.customerId());
        if (found.isEmpty()) {
            return Optional.of(declined(reserved, DeclineReason.UNKNOWN_ACCOUNT));
        }
        Account account = found.get();
        if (account.hasCharged(orderId)) {
            log.info("Order {} was charged before; nothing to do", orderId);
            return Optional.empty();
        }
        if (cancelledOrders.contains(orderId)) {
            return Optional.of(declined(reserved, DeclineReason.ORDER_CANCELLED));
        }
        if (!Account.CURRENCY.equals(reserved.currency())) {
            return Optional.of(declined(reserved, DeclineReason.UNSUPPORTED_CURRENCY));
        }
        ChargeDecision decision = account.charge(orderId, reserved.totalAmount(), now());
        if (decision.outcome() == ChargeDecision.Outcome.INSUFFICIENT_FUNDS) {
            return Optional.of(declined(reserved, DeclineReason.INSUFFICIENT_FUNDS));
        }
        PaymentCharged charged = decision.charge().orElseThrow();
        append(account, charged);
        log.debug("Charged {} {} to {} for order {}", charged.amount(), Account.CURRENCY, charged.accountId(), orderId);
        return Optional.of(new PaymentCompleted(orderId, charged.accountId(), charged.paymentId(), charged.amount(),
                Account.CURRENCY));
    }

    private void refund(UUID orderId, String why) {
        Optional<PaymentRefunded> refunded = retry.run(() -> ledger.accountChargedFor(orderId)
                .flatMap(ledger::account)
                .flatMap(account -> account.refund(orderId, now()).map(refund -> {
                    append(account, refund);
                    return refund;
                })));
        refunded.ifPresentOrElse(refund -> {
            log.debug("Refunded {} {} to {} for order {}: {}", refund.amount(), Account.CURRENCY, refund.accountId(),
                    orderId, why);
            events.publish(new io.ordersaga.events.PaymentRefunded(orderId, refund.accountId(), refund.paymentId(),
                    refund.amount(), Account.CURRENCY));
        }, () -> log.debug("Order {} has no unrefunded charge; nothing to refund although {}", orderId, why));
    }

    /**
     * Appends an event the account has just decided (and applied), and snapshots the account every
     * {@code ordersaga.payment.snapshot-every} events, in the same transaction.
     */
    private void append(Account account, AccountEvent event) {
        ledger.append(event);
        if (event.version() % snapshotEvery == 0) {
            ledger.saveSnapshot(account.snapshot());
        }
    }

    private PaymentFailed declined(InventoryReserved reserved, DeclineReason reason) {
        log.debug("Declined order {} of {} for {} {}: {}", reserved.orderId(), reserved.customerId(),
                reserved.totalAmount(), reserved.currency(), reason);
        return new PaymentFailed(reserved.orderId(), reserved.customerId(), reserved.totalAmount(),
                reserved.currency(), reason.name());
    }

    private Account existing(String customerId) {
        return ledger.account(customerId)
                .orElseThrow(() -> new NotFoundException("No account for customer '" + customerId + "'"));
    }

    private static ConflictException accountExists(String customerId) {
        return new ConflictException("An account for customer '" + customerId + "' exists already");
    }

    /** PostgreSQL keeps microseconds; so does the ledger, so an event reads back exactly as it was decided. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
