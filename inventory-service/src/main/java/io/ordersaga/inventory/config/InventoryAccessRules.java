package io.ordersaga.inventory.config;

import io.ordersaga.messaging.security.ApiAccessRules;
import io.ordersaga.messaging.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call inventory-service: staff manage the catalogue and the stock; customers and staff read it. Whose
 * reservation is whose the controller checks ({@code Caller}).
 */
@Configuration(proxyBeanMethods = false)
class InventoryAccessRules {

    @Bean
    ApiAccessRules inventoryApiAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/products", "/products/*/restock").hasRole(Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/products", "/products/*", "/reservations/*")
                        .hasAnyRole(Roles.CUSTOMER, Roles.STAFF);
    }
}
