package io.ordersaga.payment.config;

import io.ordersaga.messaging.security.ApiAccessRules;
import io.ordersaga.messaging.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call payment-service: staff open accounts and deposit money (a customer crediting their own account would
 * be money from nowhere); customers and staff read accounts, ledgers and payments, a customer only their own
 * (checked in the controllers with {@code Caller}).
 */
@Configuration(proxyBeanMethods = false)
class PaymentAccessRules {

    @Bean
    ApiAccessRules paymentApiAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/accounts", "/accounts/*/deposits").hasRole(Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/accounts/*", "/accounts/*/events", "/payments")
                        .hasAnyRole(Roles.CUSTOMER, Roles.STAFF);
    }
}
