package io.ordersaga.payment.adapter.web;

import io.ordersaga.payment.application.PaymentService;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

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

    @GetMapping("/{customerId}")
    AccountResponse get(@PathVariable String customerId) {
        return AccountResponse.of(payments.account(customerId));
    }
}
