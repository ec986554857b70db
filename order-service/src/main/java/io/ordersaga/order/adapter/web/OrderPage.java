package io.ordersaga.order.adapter.web;

import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.Order;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;

/** One page of {@code GET /orders}: a stable shape of our own rather than Spring Data's page serialization. */
record OrderPage(List<OrderResponse> content, int page, int size, long totalElements, int totalPages) {

    static OrderPage from(Page<Order> orders, Map<UUID, List<Awaiting>> waitingOn) {
        return new OrderPage(orders.getContent().stream()
                .map(order -> OrderResponse.from(order, waitingOn.getOrDefault(order.orderId(), List.of())))
                .toList(), orders.getNumber(), orders.getSize(), orders.getTotalElements(), orders.getTotalPages());
    }
}
