package io.ordersaga.shipping.config;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ordersaga.shipping.*}.
 *
 * @param unservedCountries ISO 3166-1 alpha-2 codes shipping does not deliver to; every other country is served
 */
@ConfigurationProperties("ordersaga.shipping")
public record ShippingProperties(@DefaultValue("AQ") Set<String> unservedCountries) {
}
