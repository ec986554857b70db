package io.ordersaga.order.config;

import io.ordersaga.messaging.security.ApiAccessRules;
import io.ordersaga.messaging.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call order-service (the shared rules cover {@code /admin/**}, {@code /admin/views/rebuild} included).
 * Customers and staff reach the orders and their views; which order is whose the controllers check
 * ({@code Caller}). The daily revenue spans every customer: admin only.
 */
@Configuration(proxyBeanMethods = false)
class OrderAccessRules {

    @Bean
    ApiAccessRules orderApiAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/orders/quote").hasAnyRole(Roles.CUSTOMER, Roles.STAFF)
                .requestMatchers(HttpMethod.POST, "/orders", "/orders/*/cancel").hasAnyRole(Roles.CUSTOMER, Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/orders", "/orders/*", "/orders/*/timeline")
                        .hasAnyRole(Roles.CUSTOMER, Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/views/orders/*", "/views/customers/*/orders")
                        .hasAnyRole(Roles.CUSTOMER, Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/views/revenue/daily").hasRole(Roles.ADMIN);
    }
}
