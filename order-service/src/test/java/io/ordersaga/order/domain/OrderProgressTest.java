package io.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ordersaga.events.CancellationReason;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderProgressTest {

    @Test
    void aRunningOrderWaitsForItsNextStep() {
        assertThat(OrderProgress.waitingOn(OrderTest.newOrder(), Set.of()))
                .extracting(Awaiting::service, Awaiting::event)
                .containsExactly(tuple("inventory-service", "InventoryReserved"));
        assertThat(OrderProgress.waitingOn(OrderTest.reserved(), Set.of("OrderPlaced", "InventoryReserved")))
                .extracting(Awaiting::event).containsExactly("PaymentCompleted");
        assertThat(OrderProgress.waitingOn(OrderTest.paid(), Set.of()))
                .extracting(Awaiting::service).containsExactly("shipping-service");
    }

    @Test
    void aCompletedOrderWaitsForNothing() {
        Order order = OrderTest.paid();
        order.complete();

        assertThat(OrderProgress.waitingOn(order, Set.of("InventoryReserved", "PaymentCompleted"))).isEmpty();
    }

    @Test
    void aCancelledOrderWaitsForTheReleaseAndRefundItsTimelineStillLacks() {
        Order order = OrderTest.paid();
        order.cancel(CancellationReason.SHIPPING_FAILED);

        assertThat(OrderProgress.waitingOn(order, Set.of("OrderPlaced", "InventoryReserved", "PaymentCompleted",
                "ShipmentFailed", "OrderCancelled")))
                .extracting(Awaiting::service, Awaiting::event)
                .containsExactly(tuple("inventory-service", "InventoryReleased"),
                        tuple("payment-service", "PaymentRefunded"));
        assertThat(OrderProgress.waitingOn(order, Set.of("InventoryReserved", "PaymentCompleted", "InventoryReleased")))
                .extracting(Awaiting::event).containsExactly("PaymentRefunded");
        assertThat(OrderProgress.waitingOn(order, Set.of("InventoryReserved", "PaymentCompleted", "InventoryReleased",
                "PaymentRefunded"))).isEmpty();
    }

    @Test
    void aCancelledOrderWithNothingToUndoWaitsForNothing() {
        Order order = OrderTest.cancelled();

        assertThat(OrderProgress.waitingOn(order, Set.of("OrderPlaced", "InventoryReservationFailed", "OrderCancelled")))
                .isEmpty();
        assertThat(OrderProgress.waitingOn(order, Set.of())).isEmpty();
    }

    @Test
    void saysSinceWhenTheOrderHasBeenWaiting() {
        Order order = OrderTest.reserved();

        assertThat(OrderProgress.waitingOn(order, Set.of())).singleElement()
                .satisfies(awaiting -> assertThat(awaiting.since()).isEqualTo(order.updatedAt()));
    }
}
