package io.ordersaga.order.application;

import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.OrderLine;
import java.util.List;

/** What a customer asks for; the lines are not priced. */
public record PlaceOrderCommand(String customerId, List<OrderLine> lines, Address shippingAddress) {
}
