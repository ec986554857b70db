package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The saga deadline ({@code ordersaga.saga.timeout}, 20 s here): payment-service is
 * down past it, the order is cancelled TIMED_OUT and its reservation released; payment-service comes back to an
 * InventoryReserved and an OrderCancelled and charges the order nothing in the end.
 */
class SagaDeadlineIT extends SagaEdgeSupport {

    @Test
    void anOrderStuckWhilePaymentIsDownIsTimedOutAndTheLateChargeNetsToZero() throws Exception {
        String sku = product("BOOK", "39.90", 4);
        String alice = account("alice", "500.00");
        RunningSuite.stop(Service.PAYMENT);
        UUID orderId;
        try {
            orderId = place(alice, List.of(new Line(sku, 2)), "DE");
            awaitStatus(orderId, "INVENTORY_RESERVED");

            JsonNode timedOut = awaitStatus(orderId, "CANCELLED");
            assertThat(timedOut.path("cancellationReason").asString()).isEqualTo("TIMED_OUT");
            awaitReservation(orderId, "RELEASED");
        } finally {
            RunningSuite.start(Service.PAYMENT);
        }

        awaitCaughtUp(Service.PAYMENT);
        invariantsHold();
        assertThat(saga.account(alice).path("balance").decimalValue()).isEqualByComparingTo("500.00");
        BigDecimal net = saga.payments(orderId).stream()
                .map(p -> p.path("type").asString().equals("CHARGE") ? p.path("amount").decimalValue()
                        : p.path("amount").decimalValue().negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(net).isEqualByComparingTo("0");
        assertThat(saga.product(sku).path("available").asInt()).isEqualTo(4);

        JsonNode timeline = awaitTimeline(orderId, "OrderPlaced", "InventoryReserved", "OrderCancelled",
                "InventoryReleased");
        Timelines.assertCausal(timeline, Set.of("OrderPlaced", "OrderCancelled"));
        assertThat(Timelines.causeOf(timeline, "OrderCancelled")).as("the deadline, not an event, cancelled it")
                .isEqualTo("(not an event)");
        assertThat(Timelines.causeOf(timeline, "InventoryReleased")).isEqualTo("OrderCancelled");
        assertThat(waitingOn(orderId)).isEmpty();
    }
}
