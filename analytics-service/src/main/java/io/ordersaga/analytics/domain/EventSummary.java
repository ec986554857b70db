package io.ordersaga.analytics.domain;

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
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** One line, for people, of what an event says; shown in the feed and the timeline. */
public final class EventSummary {

    private EventSummary() {
    }

    public static String describe(SagaEvent event) {
        if (event instanceof OrderPlaced placed) {
            return lines(placed.items()) + " to " + placed.shippingAddress().country();
        }
        if (event instanceof InventoryReserved reserved) {
            return "reserved " + pricedLines(reserved.lines()) + ", total " + money(reserved.totalAmount(),
                    reserved.currency());
        }
        if (event instanceof InventoryReservationFailed failed) {
            return "not reserved: " + failed.reason() + " " + String.join(", ", failed.skus());
        }
        if (event instanceof InventoryReleased released) {
            return "released " + lines(released.lines());
        }
        if (event instanceof PaymentCompleted paid) {
            return "charged " + money(paid.amount(), paid.currency());
        }
        if (event instanceof PaymentFailed failed) {
            return "not charged: " + failed.reason() + " (" + money(failed.amount(), failed.currency()) + ")";
        }
        if (event instanceof PaymentRefunded refunded) {
            return "refunded " + money(refunded.amount(), refunded.currency());
        }
        if (event instanceof ShipmentScheduled scheduled) {
            return "shipment to " + scheduled.country() + ", tracking " + scheduled.trackingNumber();
        }
        if (event instanceof ShipmentFailed failed) {
            return "not shipped: " + failed.reason() + " (" + failed.country() + ")";
        }
        if (event instanceof OrderCompleted completed) {
            return "completed, " + money(completed.totalAmount(), completed.currency());
        }
        if (event instanceof OrderCancelled cancelled) {
            return "cancelled: " + cancelled.reason();
        }
        return event.getClass().getSimpleName();
    }

    private static String lines(List<OrderLine> lines) {
        return lines.stream().map(line -> line.quantity() + "× " + line.sku()).collect(Collectors.joining(", "));
    }

    private static String pricedLines(List<PricedLine> lines) {
        return lines.stream().map(line -> line.quantity() + "× " + line.sku()).collect(Collectors.joining(", "));
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }
}
