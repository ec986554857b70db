package io.ordersaga.order.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The CQRS read models, projected from the topics by the read models' consumer, and their rebuild by replay. */
class OrderViewsIT extends IntegrationTestSupport {

    @Autowired MockMvc mvc;
    @Autowired OrderViews views;
    @Autowired ViewRebuilder rebuilder;
    @Autowired OrderViewProjection projection;

    @Test
    void theOrderSummaryFollowsTheSagaWithEachStepsTimestamp() throws Exception {
        Order order = complete(placeOrder());

        mvc.perform(get("/views/orders/{id}", order.orderId()).param("consistentWith", order.orderId().toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caughtUp").value(true))
                .andExpect(jsonPath("$.data.status").value("COMPLETED"))
                .andExpect(jsonPath("$.data.totalAmount").value(TOTAL.doubleValue()))
                .andExpect(jsonPath("$.data.itemCount").value(3))
                .andExpect(jsonPath("$.data.steps.placed").isNotEmpty())
                .andExpect(jsonPath("$.data.steps.reserved").isNotEmpty())
                .andExpect(jsonPath("$.data.steps.paid").isNotEmpty())
                .andExpect(jsonPath("$.data.steps.shipmentScheduled").isNotEmpty())
                .andExpect(jsonPath("$.data.steps.completed").isNotEmpty())
                .andExpect(jsonPath("$.position['order.events']").isNotEmpty());
        mvc.perform(get("/views/orders/{id}", UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void customerOrdersAreNewestFirstWithCountsByStatus() throws Exception {
        String customer = "views-" + UUID.randomUUID();
        Order first = complete(placeOrder(customer));
        Order second = placeOrder(customer);
        kafka.send(new InventoryReservationFailed(second.orderId(), ReservationFailureReason.OUT_OF_STOCK, List.of("MUG")));
        awaitStatus(second.orderId(), OrderStatus.CANCELLED);

        mvc.perform(get("/views/customers/{id}/orders", customer).param("consistentWith", second.orderId().toString()))
                .andExpect(jsonPath("$.caughtUp").value(true))
                .andExpect(jsonPath("$.data.totalElements").value(2))
                .andExpect(jsonPath("$.data.content[0].orderId").value(second.orderId().toString()))
                .andExpect(jsonPath("$.data.content[0].cancellationReason").value(CancellationReason.OUT_OF_STOCK.name()))
                .andExpect(jsonPath("$.data.content[1].orderId").value(first.orderId().toString()))
                .andExpect(jsonPath("$.data.countsByStatus.COMPLETED").value(1))
                .andExpect(jsonPath("$.data.countsByStatus.CANCELLED").value(1));
    }

    @Test
    void dailyRevenueCountsCompletedOrdersOfTheDay() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        BigDecimal before = revenueOf(today);

        Order order = complete(placeOrder());
        awaitView(order);

        assertThat(revenueOf(today)).isEqualByComparingTo(before.add(TOTAL));
        mvc.perform(get("/views/revenue/daily").param("from", today.toString()).param("to", today.minusDays(1).toString()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRebuildFromOffsetZeroEqualsTheLiveViewsAndSwapsThemInWhileOrdersFlow() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(complete(placeOrder()));
        }
        orders.forEach(this::awaitView);
        Map<UUID, OrderViews.OrderSummary> live = summaries(orders);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        BigDecimal revenueBefore = revenueOf(today);
        int completedBefore = completedOn(today);

        CompletableFuture<List<Order>> flowing = CompletableFuture.supplyAsync(() -> {
            List<Order> meanwhile = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                meanwhile.add(complete(placeOrder()));
            }
            return meanwhile;
        });
        ViewRebuilder.Result result = rebuilder.rebuild();
        List<Order> meanwhile = flowing.join();

        assertThat(result.recordsReplayed()).isPositive();
        assertThat(summaries(orders)).as("rebuilt = live").isEqualTo(live);
        meanwhile.forEach(this::awaitView);
        assertThat(completedOn(today)).isEqualTo(completedBefore + meanwhile.size());
        assertThat(revenueOf(today)).isEqualByComparingTo(revenueBefore.add(TOTAL.multiply(BigDecimal.valueOf(meanwhile.size()))));
    }

    @Test
    void aPollIsAppliedOncePerPartitionPositionAlsoWhenItComesAgain() {
        // Its own topic and day, so the live consumer's positions and revenue stay apart from this test's.
        String topic = "views-it-" + UUID.randomUUID();
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        var first = completed(topic, 0, 3, day, "10.00");
        var second = completed(topic, 0, 4, day, "20.00");
        var other = completed(topic, 1, 0, day, "40.00");

        projection.applyAll(OrderViews.LIVE, List.of(first));
        projection.applyAll(OrderViews.LIVE, List.of(first, second, other));
        projection.applyAll(OrderViews.LIVE, List.of(other, second));

        assertThat(revenueOf(day)).as("each completion counted once").isEqualByComparingTo("70.00");
        assertThat(completedOn(day)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT partition, next_offset FROM views.position WHERE topic = ?"
                + " ORDER BY partition", topic)).containsExactly(
                Map.of("partition", 0, "next_offset", 5L), Map.of("partition", 1, "next_offset", 1L));
    }

    private static ConsumerRecord<String, EventEnvelope<SagaEvent>> completed(
            String topic, int partition, long offset, LocalDate day, String amount) {
        return Completions.polled(topic, partition, offset, day.atTime(12, 0).toInstant(ZoneOffset.UTC), amount);
    }

    private Order complete(Order order) {
        kafka.send(inventoryReserved(order));
        kafka.send(paymentCompleted(order));
        kafka.send(shipmentScheduled(order));
        return awaitStatus(order.orderId(), OrderStatus.COMPLETED);
    }

    private void awaitView(Order order) {
        await().atMost(WAIT).until(() -> views.order(order.orderId()).map(view -> view.status()).orElse(""),
                status -> status.equals(repository.findById(order.orderId()).orElseThrow().status().name()));
    }

    private Map<UUID, OrderViews.OrderSummary> summaries(List<Order> orders) {
        Map<UUID, OrderViews.OrderSummary> summaries = new java.util.LinkedHashMap<>();
        orders.forEach(order -> summaries.put(order.orderId(), views.order(order.orderId()).orElseThrow()));
        return summaries;
    }

    private int completedOn(LocalDate day) {
        return views.revenue(day, day).stream().mapToInt(OrderViews.DailyRevenue::completedOrders).sum();
    }

    private BigDecimal revenueOf(LocalDate day) {
        return views.revenue(day, day).stream().map(OrderViews.DailyRevenue::revenue).findFirst().orElse(BigDecimal.ZERO);
    }
}
