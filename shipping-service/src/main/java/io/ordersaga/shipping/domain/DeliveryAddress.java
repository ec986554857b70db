package io.ordersaga.shipping.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** Where an order goes; {@code country} is an ISO 3166-1 alpha-2 code. */
@Embeddable
public record DeliveryAddress(
        @Column(name = "recipient_name") String name,
        String street,
        String city,
        @Column(name = "postal_code") String postalCode,
        String country) {

    public DeliveryAddress {
        Objects.requireNonNull(country, "country");
    }
}
