package io.ordersaga.analytics;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.ShippingAddress;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Saga events as the four services publish them, for one order at a time. */
public final class SagaEvents {

    private SagaEvents() {
    }

    public static OrderPlaced placed(UUID orderId, String customerId) {
        return new OrderPlaced(orderId, customerId, List.of(new OrderLine("BOOK-EDA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }

    public static InventoryReserved reserved(UUID orderId, String customerId, String total) {
        return new InventoryReserved(orderId, customerId, List.of(new PricedLine("BOOK-EDA", 1, new BigDecimal(total))),
                new BigDecimal(total), "EUR");
    }

    public static InventoryReservationFailed outOfStock(UUID orderId) {
        return new InventoryReservationFailed(orderId, ReservationFailureReason.OUT_OF_STOCK, List.of("BOOK-EDA"));
    }

    public static PaymentCompleted paid(UUID orderId, String customerId, String total) {
        return new PaymentCompleted(orderId, customerId, UUID.randomUUID(), new BigDecimal(total), "EUR");
    }

    public static ShipmentScheduled shipped(UUID orderId) {
        return new ShipmentScheduled(orderId, UUID.randomUUID(), "TRK-1", "DE");
    }

    public static PaymentFailed declined(UUID orderId, String customerId, String total) {
        return new PaymentFailed(orderId, customerId, new BigDecimal(total), "EUR", "INSUFFICIENT_FUNDS");
    }

    public static PaymentRefunded refunded(UUID orderId, String customerId, String total) {
        return new PaymentRefunded(orderId, customerId, UUID.randomUUID(), new BigDecimal(total), "EUR");
    }

    public static InventoryReleased released(UUID orderId) {
        return new InventoryReleased(orderId, List.of(new OrderLine("BOOK-EDA", 1)));
    }

    public static ShipmentFailed notShipped(UUID orderId) {
        return new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED");
    }

    public static OrderCompleted completed(UUID orderId, String customerId, String total) {
        return new OrderCompleted(orderId, customerId, new BigDecimal(total), "EUR");
    }

    public static OrderCancelled cancelled(UUID orderId, String customerId, CancellationReason reason) {
        return new OrderCancelled(orderId, customerId, reason);
    }
}
