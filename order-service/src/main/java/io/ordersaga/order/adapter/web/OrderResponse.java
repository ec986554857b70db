package io.ordersaga.order.adapter.web;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it. {@code unitPrice}, {@code totalAmount} and {@code currency} are null until known.
 * {@code waitingOn} lists what the order still waits for: the next step of a running order, or a compensation of a
 * cancelled one that has not happened yet (empty when the saga is done).
 */
record OrderResponse(
        UUID orderId,
        String customerId,
        OrderStatus status,
        CancellationReason cancellationReason,
        List<Item> items,
        ShippingAddress shippingAddress,
        BigDecimal totalAmount,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        List<Waiting> waitingOn) {

    record Item(String sku, int quantity, BigDecimal unitPrice) {
    }

    record ShippingAddress(String name, String street, String city, String postalCode, String country) {
    }

    /** {@code service} has yet to publish {@code event}; {@code since} is the order's last change. */
    record Waiting(String service, String event, String reason, Instant since) {
    }

    static OrderResponse from(Order order, List<Awaiting> waitingOn) {
        Address address = order.shippingAddress();
        return new OrderResponse(order.orderId(), order.customerId(), order.status(), order.cancellationReason(),
                order.lines().stream().map(line -> new Item(line.sku(), line.quantity(), line.unitPrice())).toList(),
                new ShippingAddress(address.name(), address.street(), address.city(), address.postalCode(),
                        address.country()),
                order.totalAmount(), order.currency(), order.createdAt(), order.updatedAt(),
                waitingOn.stream().map(w -> new Waiting(w.service(), w.event(), w.reason(), w.since())).toList());
    }
}
