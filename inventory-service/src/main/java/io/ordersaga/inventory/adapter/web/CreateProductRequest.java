package io.ordersaga.inventory.adapter.web;

import io.ordersaga.inventory.domain.Product;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code POST /products}. The price is set here once; after that only stock changes. */
public record CreateProductRequest(
        @NotNull @Pattern(regexp = Product.SKU_PATTERN, message = "must be 1-64 upper-case letters, digits or dashes, not starting with a dash")
        String sku,
        @NotBlank @Size(max = Product.MAX_NAME_LENGTH)
        String name,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 17, fraction = 2)
        BigDecimal unitPrice,
        @NotNull @PositiveOrZero @Max(ProductRequests.MAX_QUANTITY)
        Long initialStock) {
}
