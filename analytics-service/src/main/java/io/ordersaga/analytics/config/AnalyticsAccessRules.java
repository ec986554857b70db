package io.ordersaga.analytics.config;

import io.ordersaga.messaging.security.ApiAccessRules;
import io.ordersaga.messaging.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Who may call analytics-service. The dashboard page itself is open (it holds no data); everything that spans
 * customers (the saga figures, the revenue, the dashboard's snapshot and its live stream) is the admin's. A customer
 * reads their own statistics and their own orders' timelines, staff any (checked in the controller).
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsAccessRules {

    static final String STREAM = "/api/stream";

    @Bean
    ApiAccessRules analyticsApiAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.ico")
                        .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/customers/*", "/api/orders/*/timeline")
                        .hasAnyRole(Roles.CUSTOMER, Roles.STAFF)
                .requestMatchers(HttpMethod.GET, "/api/saga", "/api/revenue", "/api/dashboard", STREAM)
                        .hasRole(Roles.ADMIN);
    }

    /**
     * A browser's EventSource cannot send an {@code Authorization} header, so the live stream alone also takes the
     * token as {@code ?access_token=} (RFC 6750, section 2.3); every other endpoint takes the header only, so a token
     * does not end up in URLs and logs elsewhere.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> (STREAM.equals(request.getRequestURI()) ? headerOrQuery : headerOnly).resolve(request);
    }
}
