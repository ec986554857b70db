package io.ordersaga.inventory.adapter.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /products/{sku}/restock}: units that arrived. */
public record RestockRequest(@NotNull @Min(1) @Max(ProductRequests.MAX_QUANTITY) Integer quantity) {
}
