package io.ordersaga.payment.adapter.web;

import io.ordersaga.messaging.security.Caller;
import io.ordersaga.payment.application.PaymentService;
import io.ordersaga.payment.domain.Payment;
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

    /**
     * A missing orderId fails bean validation (400 naming the field) instead of listing every payment. A customer
     * sees the payments of their own orders only (an order with none yet is an empty list for anyone).
     */
    @GetMapping
    List<PaymentResponse> ofOrder(@RequestParam(required = false) @NotNull UUID orderId) {
        List<Payment> found = payments.payments(orderId);
        found.forEach(payment -> Caller.requireOwnerOrStaff(payment.customerId(), "Order " + orderId));
        return found.stream().map(PaymentResponse::of).toList();
    }
}
