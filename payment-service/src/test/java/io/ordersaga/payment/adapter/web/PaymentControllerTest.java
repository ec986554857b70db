package io.ordersaga.payment.adapter.web;

import static io.ordersaga.payment.adapter.web.AccountControllerTest.expectProblem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.payment.application.PaymentService;
import io.ordersaga.payment.domain.Payment;
import io.ordersaga.payment.domain.PaymentType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest({AccountController.class, PaymentController.class})
class PaymentControllerTest {

    @Autowired MockMvc mvc;
    @MockitoBean PaymentService payments;

    @Test
    void listsTheChargesAndRefundsOfAnOrder() throws Exception {
        UUID order = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-31T10:30:00Z");
        when(payments.payments(order)).thenReturn(List.of(
                new Payment(payment, order, "alice", PaymentType.CHARGE, new BigDecimal("12.50"), at),
                new Payment(payment, order, "alice", PaymentType.REFUND, new BigDecimal("12.50"), at.plusSeconds(1))));

        mvc.perform(get("/payments").param("orderId", order.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].paymentId").value(payment.toString()))
                .andExpect(jsonPath("$[0].orderId").value(order.toString()))
                .andExpect(jsonPath("$[0].customerId").value("alice"))
                .andExpect(jsonPath("$[0].type").value("CHARGE"))
                .andExpect(jsonPath("$[0].amount").value(12.50))
                .andExpect(jsonPath("$[0].currency").value("EUR"))
                .andExpect(jsonPath("$[0].occurredAt").value("2026-01-31T10:30:00Z"))
                .andExpect(jsonPath("$[1].type").value("REFUND"));
    }

    @Test
    void answersAnEmptyListForAnOrderWithoutPayments() throws Exception {
        UUID order = UUID.randomUUID();
        when(payments.payments(order)).thenReturn(List.of());

        mvc.perform(get("/payments").param("orderId", order.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void rejectsAMissingOrderId() throws Exception {
        expectProblem(mvc.perform(get("/payments")), 400).andExpect(jsonPath("$.errors[0].field").value("orderId"));
        verifyNoInteractions(payments);
    }

    @Test
    void rejectsAnOrderIdThatIsNotAUuid() throws Exception {
        expectProblem(mvc.perform(get("/payments").param("orderId", "nope")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("orderId"));
        verifyNoInteractions(payments);
    }
}
