package io.ordersaga.payment.adapter.web;

import io.ordersaga.payment.domain.Account;
import io.ordersaga.payment.domain.Payment;
import io.ordersaga.payment.domain.PaymentType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

record PaymentResponse(UUID paymentId, UUID orderId, String customerId, PaymentType type, BigDecimal amount,
                       String currency, Instant occurredAt) {

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(payment.paymentId(), payment.orderId(), payment.customerId(), payment.type(),
                payment.amount(), Account.CURRENCY, payment.occurredAt());
    }
}
