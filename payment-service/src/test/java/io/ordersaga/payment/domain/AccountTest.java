package io.ordersaga.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Instant AT = Instant.parse("2026-01-31T10:30:00Z");
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID OTHER_ORDER = UUID.randomUUID();

    @Test
    void opensAtVersionOneWithTheInitialBalanceAsItsFirstDeposit() {
        AccountOpened opened = Account.open("alice", new BigDecimal("100"), AT);

        Account account = Account.replay(List.of(opened));

        assertThat(opened.version()).isEqualTo(1);
        assertThat(opened.initialBalance()).isEqualByComparingTo("100.00").hasScaleOf(2);
        assertThat(account.customerId()).isEqualTo("alice");
        assertThat(account.balance()).isEqualByComparingTo("100.00");
        assertThat(account.totalDeposited()).isEqualByComparingTo("100.00");
        assertThat(account.version()).isEqualTo(1);
    }

    @Test
    void refusesToOpenWithABlankOrTooLongCustomerIdOrANegativeOrTooPreciseBalance() {
        assertThatThrownBy(() -> Account.open(" ", BigDecimal.TEN, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Account.open("x".repeat(65), BigDecimal.TEN, AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Account.open("alice", new BigDecimal("-0.01"), AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> Account.open("alice", new BigDecimal("1.001"), AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 decimal places");
    }

    @Test
    void derivesBalanceAndTotalsFromReplayedEvents() {
        UUID payment = UUID.randomUUID();
        Account account = Account.replay(List.of(
                new AccountOpened("alice", 1, new BigDecimal("100.00"), AT),
                new MoneyDeposited("alice", 2, new BigDecimal("50.00"), AT),
                new PaymentCharged("alice", 3, ORDER, payment, new BigDecimal("30.00"), AT),
                new PaymentRefunded("alice", 4, ORDER, payment, new BigDecimal("30.00"), AT),
                new PaymentCharged("alice", 5, OTHER_ORDER, UUID.randomUUID(), new BigDecimal("20.00"), AT)));

        assertThat(account.balance()).isEqualByComparingTo("130.00");
        assertThat(account.totalDeposited()).isEqualByComparingTo("150.00");
        assertThat(account.totalCharged()).isEqualByComparingTo("50.00");
        assertThat(account.totalRefunded()).isEqualByComparingTo("30.00");
        assertThat(account.version()).isEqualTo(5);
        assertThat(account.hasCharged(ORDER)).isTrue();
        assertThat(account.hasCharged(UUID.randomUUID())).isFalse();
    }

    @Test
    void refusesALedgerThatIsEmptyOrDoesNotStartWithAccountOpened() {
        assertThatThrownBy(() -> Account.replay(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Account.replay(List.of(new MoneyDeposited("alice", 1, BigDecimal.TEN, AT))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesALedgerWithAVersionGapOrAnotherAccountsEventOrASecondOpening() {
        AccountOpened opened = new AccountOpened("alice", 1, BigDecimal.TEN, AT);
        assertThatThrownBy(() -> Account.replay(List.of(opened, new MoneyDeposited("alice", 3, BigDecimal.ONE, AT))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expects version 2");
        assertThatThrownBy(() -> Account.replay(List.of(opened, new MoneyDeposited("bob", 2, BigDecimal.ONE, AT))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Account.replay(List.of(opened, new AccountOpened("alice", 2, BigDecimal.ONE, AT))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opened twice");
    }

    @Test
    void refusesALedgerWhoseChargeWouldOverdrawTheAccount() {
        assertThatThrownBy(() -> Account.replay(List.of(
                new AccountOpened("bob", 1, new BigDecimal("20.00"), AT),
                new PaymentCharged("bob", 2, ORDER, UUID.randomUUID(), new BigDecimal("20.01"), AT))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overdraws");
    }

    @Test
    void refusesALedgerWithARefundThatMatchesNoOpenCharge() {
        UUID payment = UUID.randomUUID();
        AccountOpened opened = new AccountOpened("alice", 1, new BigDecimal("100.00"), AT);
        PaymentCharged charged = new PaymentCharged("alice", 2, ORDER, payment, new BigDecimal("10.00"), AT);
        PaymentRefunded refunded = new PaymentRefunded("alice", 3, ORDER, payment, new BigDecimal("10.00"), AT);

        assertThatThrownBy(() -> Account.replay(List.of(opened,
                new PaymentRefunded("alice", 2, ORDER, payment, new BigDecimal("10.00"), AT))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Account.replay(List.of(opened, charged, refunded,
                new PaymentRefunded("alice", 4, ORDER, payment, new BigDecimal("10.00"), AT))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Account.replay(List.of(opened, charged,
                new PaymentRefunded("alice", 3, ORDER, payment, new BigDecimal("9.00"), AT))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void depositAddsToTheBalanceAtTheNextVersion() {
        Account account = opened("100.00");

        MoneyDeposited deposited = account.deposit(new BigDecimal("25.5"), AT);

        assertThat(deposited.version()).isEqualTo(2);
        assertThat(deposited.amount()).isEqualByComparingTo("25.50");
        assertThat(account.balance()).isEqualByComparingTo("125.50");
        assertThat(account.totalDeposited()).isEqualByComparingTo("125.50");
        assertThat(account.version()).isEqualTo(2);
    }

    @Test
    void refusesADepositThatIsNotPositive() {
        Account account = opened("100.00");

        assertThatThrownBy(() -> account.deposit(BigDecimal.ZERO, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account.deposit(new BigDecimal("-1"), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(account.version()).isEqualTo(1);
    }

    @Test
    void chargeDebitsTheBalanceAtTheNextVersion() {
        Account account = opened("100.00");

        ChargeDecision decision = account.charge(ORDER, new BigDecimal("40.00"), AT);

        assertThat(decision.outcome()).isEqualTo(ChargeDecision.Outcome.CHARGED);
        PaymentCharged charged = decision.charge().orElseThrow();
        assertThat(charged.version()).isEqualTo(2);
        assertThat(charged.orderId()).isEqualTo(ORDER);
        assertThat(charged.amount()).isEqualByComparingTo("40.00");
        assertThat(account.balance()).isEqualByComparingTo("60.00");
        assertThat(account.totalCharged()).isEqualByComparingTo("40.00");
    }

    @Test
    void chargesTheWholeBalanceDownToZero() {
        Account account = opened("20.00");

        assertThat(account.charge(ORDER, new BigDecimal("20.00"), AT).outcome())
                .isEqualTo(ChargeDecision.Outcome.CHARGED);
        assertThat(account.balance()).isEqualByComparingTo("0.00");
    }

    @Test
    void refusesAChargeThatWouldOverdrawTheAccount() {
        Account account = opened("20.00");

        ChargeDecision decision = account.charge(ORDER, new BigDecimal("20.01"), AT);

        assertThat(decision.outcome()).isEqualTo(ChargeDecision.Outcome.INSUFFICIENT_FUNDS);
        assertThat(decision.charge()).isEmpty();
        assertThat(account.balance()).isEqualByComparingTo("20.00");
        assertThat(account.version()).isEqualTo(1);
        assertThat(account.hasCharged(ORDER)).isFalse();
    }

    @Test
    void neverChargesAnOrderTwiceEvenAfterItsRefund() {
        Account account = opened("100.00");
        account.charge(ORDER, new BigDecimal("10.00"), AT);

        assertThat(account.charge(ORDER, new BigDecimal("10.00"), AT).outcome())
                .isEqualTo(ChargeDecision.Outcome.ALREADY_CHARGED);
        account.refund(ORDER, AT);
        assertThat(account.charge(ORDER, new BigDecimal("10.00"), AT).outcome())
                .isEqualTo(ChargeDecision.Outcome.ALREADY_CHARGED);
        assertThat(account.totalCharged()).isEqualByComparingTo("10.00");
    }

    @Test
    void refundsAChargeInFullExactlyOnce() {
        Account account = opened("100.00");
        PaymentCharged charged = account.charge(ORDER, new BigDecimal("30.00"), AT).charge().orElseThrow();

        PaymentRefunded refunded = account.refund(ORDER, AT).orElseThrow();

        assertThat(refunded.version()).isEqualTo(3);
        assertThat(refunded.paymentId()).isEqualTo(charged.paymentId());
        assertThat(refunded.amount()).isEqualByComparingTo("30.00");
        assertThat(account.balance()).isEqualByComparingTo("100.00");
        assertThat(account.refund(ORDER, AT)).isEmpty();
        assertThat(account.totalRefunded()).isEqualByComparingTo("30.00");
        assertThat(account.version()).isEqualTo(3);
    }

    @Test
    void refundsOnceAlsoAfterAReplayOfTheRefundedLedger() {
        Account account = opened("100.00");
        PaymentCharged charged = account.charge(ORDER, new BigDecimal("30.00"), AT).charge().orElseThrow();
        PaymentRefunded refunded = account.refund(ORDER, AT).orElseThrow();

        Account replayed = Account.replay(List.of(new AccountOpened(account.customerId(), 1,
                new BigDecimal("100.00"), AT), charged, refunded));

        assertThat(replayed.refund(ORDER, AT)).isEmpty();
        assertThat(replayed.balance()).isEqualByComparingTo("100.00");
    }

    @Test
    void refundsNothingForAnOrderThatWasNeverCharged() {
        Account account = opened("100.00");

        assertThat(account.refund(ORDER, AT)).isEmpty();
        assertThat(account.version()).isEqualTo(1);
    }

    private static Account opened(String balance) {
        return Account.replay(List.of(Account.open("alice", new BigDecimal(balance), AT)));
    }
}
