package io.ordersaga.payment.adapter.web;

import io.ordersaga.payment.application.LedgerPage;
import io.ordersaga.payment.domain.AccountEvent;
import io.ordersaga.payment.domain.PaymentCharged;
import io.ordersaga.payment.domain.PaymentRefunded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event of an account's ledger, as the history endpoint shows it. */
record LedgerEntryResponse(int version, String type, BigDecimal amount, UUID orderId, UUID paymentId,
                           Instant occurredAt, BigDecimal balanceAfter) {

    static LedgerEntryResponse of(LedgerPage.Entry entry) {
        AccountEvent event = entry.event();
        UUID orderId = null;
        UUID paymentId = null;
        if (event instanceof PaymentCharged charged) {
            orderId = charged.orderId();
            paymentId = charged.paymentId();
        } else if (event instanceof PaymentRefunded refunded) {
            orderId = refunded.orderId();
            paymentId = refunded.paymentId();
        }
        return new LedgerEntryResponse(event.version(), event.getClass().getSimpleName(), event.amount(), orderId,
                paymentId, event.occurredAt(), entry.balanceAfter());
    }

    /** A page of entries, in the same shape as the other paged answers of ordersaga. */
    record Page(List<LedgerEntryResponse> content, int page, int size, long totalElements, int totalPages) {

        static Page of(LedgerPage page) {
            return new Page(page.entries().stream().map(LedgerEntryResponse::of).toList(), page.page(), page.size(),
                    page.totalElements(), (page.totalElements() + page.size() - 1) / page.size());
        }
    }
}
