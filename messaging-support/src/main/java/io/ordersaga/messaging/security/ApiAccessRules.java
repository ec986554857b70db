package io.ordersaga.messaging.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own URL rules, declared as a bean. They are applied after the shared ones (health and API docs open,
 * the rest of actuator for staff or admin, {@code /admin/**} for admin) and before the final rule, which denies
 * every request no rule names: a new endpoint is closed until its service says who may call it.
 */
@FunctionalInterface
public interface ApiAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
