package io.ordersaga.payment.domain;

import java.util.Optional;

/** What {@link Account#charge} decided; {@code charge} is present only when the outcome is CHARGED. */
public record ChargeDecision(Outcome outcome, Optional<PaymentCharged> charge) {

    public enum Outcome {
        CHARGED,
        /** The order was charged before (and maybe refunded since): never charge an order twice. */
        ALREADY_CHARGED,
        INSUFFICIENT_FUNDS
    }

    static ChargeDecision charged(PaymentCharged charge) {
        return new ChargeDecision(Outcome.CHARGED, Optional.of(charge));
    }

    static ChargeDecision refused(Outcome outcome) {
        return new ChargeDecision(outcome, Optional.empty());
    }
}
