package io.ordersaga.order.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class OrderCancellationIT extends IntegrationTestSupport {

    @Autowired MockMvc mvc;

    @Test
    void theCustomerCancelsARunningOrderAndOneOrderCancelledContinuesItsSaga() throws Exception {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        awaitStatus(order.orderId(), OrderStatus.INVENTORY_RESERVED);

        MvcResult result = mvc.perform(post("/orders/{id}/cancel", order.orderId())
                        .header("X-Correlation-Id", "some-other-correlation"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("CUSTOMER_REQUESTED"))
                .andReturn();

        List<EventEnvelope<OrderCancelled>> cancelled = sent(order.orderId(), OrderCancelled.class);
        assertThat(cancelled).extracting(EventEnvelope::data).containsExactly(
                new OrderCancelled(order.orderId(), order.customerId(), CancellationReason.CUSTOMER_REQUESTED));
        assertThat(cancelled.get(0).metadata().correlationId()).isEqualTo(order.correlationId());
        assertThat(cancelled.get(0).metadata().causationId())
                .isEqualTo(result.getResponse().getHeader("X-Request-Id"));
    }

    @Test
    void cancellingAgainAnswersTheCancelledOrderUnchangedAndPublishesNothingMore() throws Exception {
        Order order = placeOrder();
        mvc.perform(post("/orders/{id}/cancel", order.orderId())).andExpect(status().isOk());

        mvc.perform(post("/orders/{id}/cancel", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("CUSTOMER_REQUESTED"));

        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
    }

    @Test
    void cancellingAnOrderCancelledForAnotherReasonKeepsThatReason() throws Exception {
        Order order = placeOrder();
        kafka.send(new PaymentFailed(order.orderId(), order.customerId(), TOTAL, "EUR",
                "INSUFFICIENT_FUNDS"));
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        mvc.perform(post("/orders/{id}/cancel", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cancellationReason").value("PAYMENT_DECLINED"));
        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
    }

    @Test
    void aCompletedOrderCannotBeCancelled() throws Exception {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        kafka.send(paymentCompleted(order));
        kafka.send(shipmentScheduled(order));
        awaitStatus(order.orderId(), OrderStatus.COMPLETED);

        mvc.perform(post("/orders/{id}/cancel", order.orderId()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("COMPLETED")));
        assertThat(sent(order.orderId(), OrderCancelled.class)).isEmpty();
    }

    @Test
    void anUnknownOrderCannotBeCancelled() throws Exception {
        mvc.perform(post("/orders/{id}/cancel", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aCancellationRacingTheShipmentEndsTheOrderOneWayOnly() throws Exception {
        for (int i = 0; i < 4; i++) {
            Order order = placeOrder();
            kafka.send(inventoryReserved(order));
            kafka.send(paymentCompleted(order));
            awaitStatus(order.orderId(), OrderStatus.PAID);

            CompletableFuture<EventEnvelope<SagaEvent>> shipment =
                    CompletableFuture.supplyAsync(() -> kafka.send(shipmentScheduled(order)));
            int cancelStatus = mvc.perform(post("/orders/{id}/cancel", order.orderId())).andReturn()
                    .getResponse().getStatus();
            awaitHandled(shipment.get());

            Order ended = repository.findById(order.orderId()).orElseThrow();
            int completions = sent(order.orderId(), OrderCompleted.class).size();
            int cancellations = sent(order.orderId(), OrderCancelled.class).size();
            if (ended.status() == OrderStatus.COMPLETED) {
                assertThat(cancelStatus).as("cancel of a completed order").isEqualTo(409);
                assertThat(List.of(completions, cancellations)).containsExactly(1, 0);
            } else {
                assertThat(cancelStatus).as("cancel that won the race").isEqualTo(200);
                assertThat(ended.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_REQUESTED);
                assertThat(List.of(completions, cancellations)).containsExactly(0, 1);
            }
        }
    }
}
