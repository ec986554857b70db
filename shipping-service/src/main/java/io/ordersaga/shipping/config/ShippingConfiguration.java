package io.ordersaga.shipping.config;

import io.ordersaga.shipping.domain.ServiceArea;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShippingProperties.class)
class ShippingConfiguration {

    @Bean
    ServiceArea serviceArea(ShippingProperties properties) {
        return new ServiceArea(properties.unservedCountries());
    }
}
