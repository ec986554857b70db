package io.ordersaga.shipping.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The countries shipping delivers to: every country except the unserved ones (ISO 3166-1 alpha-2 codes). */
public record ServiceArea(Set<String> unservedCountries) {

    public ServiceArea {
        unservedCountries = unservedCountries.stream().map(ServiceArea::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean serves(String country) {
        return !unservedCountries.contains(normalise(country));
    }

    private static String normalise(String country) {
        return country.trim().toUpperCase(Locale.ROOT);
    }
}
