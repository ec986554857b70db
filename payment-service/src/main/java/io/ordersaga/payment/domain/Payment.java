package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A charge or refund of an order, as read from the ledger. A refund carries the id of the charge it pays back. */
public record Payment(UUID paymentId, UUID orderId, String customerId, PaymentType type, BigDecimal amount,
                      Instant occurredAt) {

    /** The charges and refunds among {@code events}, in the order given; other events are left out. */
    public static List<Payment> from(List<? extends AccountEvent> events) {
        return events.stream().<Payment>mapMulti((event, out) -> {
            if (event instanceof PaymentCharged charged) {
                out.accept(new Payment(charged.paymentId(), charged.orderId(), charged.accountId(), PaymentType.CHARGE,
                        charged.amount(), charged.occurredAt()));
            } else if (event instanceof PaymentRefunded refunded) {
                out.accept(new Payment(refunded.paymentId(), refunded.orderId(), refunded.accountId(),
                        PaymentType.REFUND, refunded.amount(), refunded.occurredAt()));
            }
        }).toList();
    }
}
