package io.ordersaga.payment.adapter.web;

import io.ordersaga.payment.application.PaymentService;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/payments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /** A missing orderId fails bean validation (400 naming the field) instead of listing every payment. */
    @GetMapping
    List<PaymentResponse> ofOrder(@RequestParam(required = false) @NotNull UUID orderId) {
        return payments.payments(orderId).stream().map(PaymentResponse::of).toList();
    }
}
