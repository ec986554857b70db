package io.ordersaga.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** Where an order goes. {@code country} is an ISO 3166-1 alpha-2 code. */
@Embeddable
public record Address(
        @Column(name = "ship_to_name") String name,
        @Column(name = "ship_to_street") String street,
        @Column(name = "ship_to_city") String city,
        @Column(name = "ship_to_postal_code") String postalCode,
        @Column(name = "ship_to_country") String country) {

    public Address {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(country, "country");
    }
}
