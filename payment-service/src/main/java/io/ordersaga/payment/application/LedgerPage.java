package io.ordersaga.payment.application;

import io.ordersaga.payment.domain.AccountEvent;
import java.math.BigDecimal;
import java.util.List;

/** A page of an account's ledger; each entry carries the balance right after its event. */
public record LedgerPage(List<Entry> entries, int page, int size, int totalElements) {

    public record Entry(AccountEvent event, BigDecimal balanceAfter) {
    }
}
