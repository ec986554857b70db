package io.ordersaga.order.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Placing orders and ending their sagas moves the saga's counters and timers, as Prometheus scrapes them. */
class SagaMetricsIT extends IntegrationTestSupport {

    @Autowired MeterRegistry registry;
    @Autowired MockMvc mvc;

    @Test
    void placingAnOrderAndCompletingItMovesTheCountersAndTheDurationTimer() {
        double placed = counter(SagaMetrics.PLACED);
        double completed = counter(SagaMetrics.COMPLETED);
        long timed = sagasTimed("completed");

        Order order = placeOrder();
        assertThat(counter(SagaMetrics.PLACED)).isGreaterThanOrEqualTo(placed + 1);

        kafka.send(inventoryReserved(order));
        kafka.send(paymentCompleted(order));
        kafka.send(shipmentScheduled(order));
        awaitStatus(order.orderId(), OrderStatus.COMPLETED);

        await().atMost(WAIT).until(() -> counter(SagaMetrics.COMPLETED) >= completed + 1);
        assertThat(sagasTimed("completed")).isGreaterThanOrEqualTo(timed + 1);
    }

    @Test
    void aCancelledSagaCountsUnderItsReason() {
        double declined = cancelled(CancellationReason.PAYMENT_DECLINED);
        long timed = sagasTimed("cancelled");

        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        kafka.send(new PaymentFailed(order.orderId(), order.customerId(), TOTAL, "EUR", "insufficient funds"));
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        await().atMost(WAIT).until(() -> cancelled(CancellationReason.PAYMENT_DECLINED) >= declined + 1);
        assertThat(sagasTimed("cancelled")).isGreaterThanOrEqualTo(timed + 1);
    }

    @Test
    void prometheusShowsTheSagaSeriesAndTheDurationHistogram() throws Exception {
        String scrape = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();

        assertThat(scrape).contains(
                "ordersaga_orders_placed_total{application=\"order-service\"}",
                "ordersaga_orders_completed_total{application=\"order-service\"}",
                "ordersaga_orders_cancelled_total{application=\"order-service\",reason=\"OUT_OF_STOCK\"}",
                "ordersaga_orders_cancelled_total{application=\"order-service\",reason=\"TIMED_OUT\"}",
                "ordersaga_saga_duration_seconds_bucket{application=\"order-service\",outcome=\"completed\",le=\"0.5\"}",
                "ordersaga_saga_duration_seconds_bucket{application=\"order-service\",outcome=\"cancelled\",le=\"+Inf\"}");
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double cancelled(CancellationReason reason) {
        return registry.get(SagaMetrics.CANCELLED).tag("reason", reason.name()).counter().count();
    }

    private long sagasTimed(String outcome) {
        return registry.get(SagaMetrics.DURATION).tag("outcome", outcome).timer().count();
    }
}
