package io.ordersaga.payment.adapter.web;

import io.ordersaga.messaging.security.Caller;
import io.ordersaga.payment.application.PaymentService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Staff open accounts and deposit (PaymentAccessRules); a customer reads only their own account and ledger. */
@RestController
@RequestMapping("/accounts")
class AccountController {

    private final PaymentService payments;

    AccountController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping
    ResponseEntity<AccountResponse> open(@Valid @RequestBody OpenAccountRequest request) {
        AccountResponse account = AccountResponse.of(payments.openAccount(request.customerId(), request.initialBalance()));
        URI location = UriComponentsBuilder.fromPath("/accounts/{customerId}")
                .buildAndExpand(account.customerId()).encode().toUri();
        return ResponseEntity.created(location).body(account);
    }

    @PostMapping("/{customerId}/deposits")
    AccountResponse deposit(@PathVariable String customerId, @Valid @RequestBody DepositRequest request) {
        return AccountResponse.of(payments.deposit(customerId, request.amount()));
    }

    /** The account now, or as it was at {@code asOf} (an ISO-8601 instant), replayed from its ledger. */
    @GetMapping("/{customerId}")
    AccountResponse get(@PathVariable String customerId, @RequestParam(required = false) Instant asOf) {
        Caller.requireOwnerOrStaff(customerId, "Account '" + customerId + "'");
        return AccountResponse.of(asOf == null ? payments.account(customerId) : payments.accountAsOf(customerId, asOf));
    }

    /** The account's ledger, oldest first, with the balance after each event. */
    @GetMapping("/{customerId}/events")
    LedgerEntryResponse.Page events(@PathVariable String customerId,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller.requireOwnerOrStaff(customerId, "Account '" + customerId + "'");
        return LedgerEntryResponse.Page.of(payments.history(customerId, page, size));
    }
}
