package io.ordersaga.order.adapter.web;

import io.ordersaga.order.application.PlaceOrderCommand;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /orders}. Prices, totals and statuses are not the client's to set; the customer is checked
 * against the caller's token (a customer names only themselves).
 */
record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String customerId,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid ShippingAddress shippingAddress) {

    record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record ShippingAddress(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Size(max = 200) String city,
            @NotBlank @Size(max = 32) String postalCode,
            @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be two uppercase letters (ISO 3166-1 alpha-2)")
            String country) {
    }

    PlaceOrderCommand toCommand(String customer) {
        return new PlaceOrderCommand(customer,
                items.stream().map(item -> OrderLine.of(item.sku(), item.quantity())).toList(),
                new Address(shippingAddress.name(), shippingAddress.street(), shippingAddress.city(),
                        shippingAddress.postalCode(), shippingAddress.country()));
    }
}
