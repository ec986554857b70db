package io.ordersaga.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountSnapshotTest {

    private static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void aSnapshotPlusTheLaterEventsEqualsAFullReplayAtEveryCut() {
        List<AccountEvent> ledger = ledgerWithChargesAndRefunds();
        Account full = Account.replay(ledger);

        for (int cut = 1; cut < ledger.size(); cut++) {
            AccountSnapshot snapshot = Account.replay(ledger.subList(0, cut)).snapshot();
            Account restored = Account.replay(snapshot, ledger.subList(cut, ledger.size()));

            assertThat(restored.snapshot()).as("cut after version %d", cut).isEqualTo(full.snapshot());
        }
    }

    @Test
    void anAccountRestoredFromASnapshotDecidesLikeAReplayedOne() {
        List<AccountEvent> ledger = ledgerWithChargesAndRefunds();
        PaymentCharged openCharge = (PaymentCharged) ledger.get(ledger.size() - 1);
        PaymentCharged refundedCharge = (PaymentCharged) ledger.get(2);
        Account restored = Account.replay(Account.replay(ledger).snapshot(), List.of());

        assertThat(restored.charge(refundedCharge.orderId(), BigDecimal.ONE, START).outcome())
                .isEqualTo(ChargeDecision.Outcome.ALREADY_CHARGED);
        assertThat(restored.refund(refundedCharge.orderId(), START)).isEmpty();
        assertThat(restored.refund(openCharge.orderId(), START)).hasValueSatisfying(refund -> {
            assertThat(refund.paymentId()).isEqualTo(openCharge.paymentId());
            assertThat(refund.version()).isEqualTo(ledger.size() + 1);
        });
    }

    @Test
    void remembersWhenItsLastEventHappened() {
        List<AccountEvent> ledger = ledgerWithChargesAndRefunds();

        assertThat(Account.replay(ledger).snapshot().lastOccurredAt()).isEqualTo(ledger.get(ledger.size() - 1).occurredAt());
    }

    /** Open, deposit, then charges and refunds interleaved; the last charge stays open. */
    private static List<AccountEvent> ledgerWithChargesAndRefunds() {
        List<AccountEvent> ledger = new ArrayList<>();
        AccountOpened opened = Account.open("alice", new BigDecimal("100.00"), START);
        ledger.add(opened);
        Account account = Account.replay(List.of(opened));
        ledger.add(account.deposit(new BigDecimal("50.00"), START.plusSeconds(1)));
        for (int i = 0; i < 6; i++) {
            UUID order = UUID.randomUUID();
            ledger.add(account.charge(order, new BigDecimal("7.25"), START.plusSeconds(2 + 2L * i)).charge().orElseThrow());
            if (i % 2 == 0) {
                ledger.add(account.refund(order, START.plusSeconds(3 + 2L * i)).orElseThrow());
            }
        }
        return ledger;
    }
}
