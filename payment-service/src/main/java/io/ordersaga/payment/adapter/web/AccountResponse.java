package io.ordersaga.payment.adapter.web;

import io.ordersaga.payment.domain.Account;
import java.math.BigDecimal;

record AccountResponse(String customerId, BigDecimal balance, String currency, BigDecimal totalDeposited,
                       BigDecimal totalCharged, BigDecimal totalRefunded, int version) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.customerId(), account.balance(), Account.CURRENCY,
                account.totalDeposited(), account.totalCharged(), account.totalRefunded(), account.version());
    }
}
