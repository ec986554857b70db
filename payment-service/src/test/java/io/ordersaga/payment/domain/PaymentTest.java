package io.ordersaga.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant AT = Instant.parse("2026-01-31T10:30:00Z");

    @Test
    void listsOnlyChargesAndRefundsWithTheRefundNamingTheCharge() {
        UUID order = UUID.randomUUID();
        UUID payment = UUID.randomUUID();

        List<Payment> payments = Payment.from(List.of(
                new AccountOpened("alice", 1, BigDecimal.TEN, AT),
                new MoneyDeposited("alice", 2, BigDecimal.ONE, AT),
                new PaymentCharged("alice", 3, order, payment, new BigDecimal("5.00"), AT),
                new PaymentRefunded("alice", 4, order, payment, new BigDecimal("5.00"), AT)));

        assertThat(payments).extracting(Payment::type).containsExactly(PaymentType.CHARGE, PaymentType.REFUND);
        assertThat(payments).allSatisfy(p -> {
            assertThat(p.paymentId()).isEqualTo(payment);
            assertThat(p.orderId()).isEqualTo(order);
            assertThat(p.customerId()).isEqualTo("alice");
            assertThat(p.amount()).isEqualByComparingTo("5.00");
        });
    }
}
