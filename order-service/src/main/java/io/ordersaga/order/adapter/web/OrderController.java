package io.ordersaga.order.adapter.web;

import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.order.application.OrderService;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {

    static final int MAX_PAGE_SIZE = 100;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping
    ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request) {
        Order order = orders.placeOrder(request.toCommand());
        return ResponseEntity.created(URI.create("/orders/" + order.orderId())).body(OrderResponse.from(order));
    }

    @GetMapping("/{orderId}")
    OrderResponse get(@PathVariable UUID orderId) {
        return orders.find(orderId).map(OrderResponse::from)
                .orElseThrow(() -> new NotFoundException("No order " + orderId));
    }

    /** Newest first; {@code size} above {@value #MAX_PAGE_SIZE} is capped. */
    @GetMapping
    OrderPage list(@RequestParam(required = false) String customerId,
                   @RequestParam(required = false) OrderStatus status,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) int size) {
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        return OrderPage.from(orders.search(customer, status, page, Math.min(size, MAX_PAGE_SIZE)));
    }
}
