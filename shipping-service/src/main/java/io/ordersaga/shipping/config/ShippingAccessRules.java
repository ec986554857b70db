package io.ordersaga.shipping.config;

import io.ordersaga.messaging.security.ApiAccessRules;
import io.ordersaga.messaging.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call shipping-service: customers and staff read shipments, a customer only those of their own orders, and
 * only staff list them by status (checked in the controller with {@code Caller}). Shipments change through events
 * only, so there is nothing to write.
 */
@Configuration(proxyBeanMethods = false)
class ShippingAccessRules {

    @Bean
    ApiAccessRules shippingApiAccessRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/shipments", "/shipments/*")
                .hasAnyRole(Roles.CUSTOMER, Roles.STAFF);
    }
}
