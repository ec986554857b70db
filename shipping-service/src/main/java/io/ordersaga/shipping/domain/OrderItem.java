package io.ordersaga.shipping.domain;

import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One line of what goes into the parcel. */
@Embeddable
public record OrderItem(String sku, int quantity) {

    public OrderItem {
        Objects.requireNonNull(sku, "sku");
    }
}
