package io.ordersaga.messaging.security;

import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service's API as an OAuth2 resource server. A bearer JWT must be signed by a key of the issuer's JWK set
 * (fetched on the first request that needs it and cached, so a service starts while the issuer is still down), carry
 * the configured {@code iss} and {@code aud}, and be within its lifetime give or take the clock skew. Its
 * {@code roles} claim becomes the authorities ({@code customer} → {@code ROLE_CUSTOMER}); admin implies staff. No session, no cookie, so
 * no CSRF protection is needed: a browser never sends a bearer token on its own.
 *
 * <p>Shared rules: liveness and readiness (the probes) and the API docs with Swagger UI are open; the rest of
 * actuator, Prometheus included, needs staff or admin; {@code /admin/**} needs admin. Each service's {@link
 * ApiAccessRules} follow; whatever no rule names is denied. 401 and 403 are problem+json ({@link ProblemResponses}).
 *
 * <p>{@code ordersaga.security.enabled=false} replaces all of it with a chain that lets everything through, and
 * says so at start.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    static final String ENABLED = "ordersaga.security.enabled";
    static final String ROLES_CLAIM = "roles";
    private static final Logger log = LoggerFactory.getLogger(ResourceServerAutoConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        // Nimbus fetches the JWK set lazily and again when a token names a key id it has not seen (key rotation).
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.getJwksTimeout());
        requests.setReadTimeout(properties.getJwksTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri())
                .restOperations(new RestTemplate(requests)).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.getClockSkew()),
                new JwtIssuerValidator(properties.getIssuerUri()),
                new JwtAudienceValidator(properties.getAudience())));
        return decoder;
    }

    /**
     * Admin may do whatever staff may (the demo admin's token carries both roles anyway); staff may read what a
     * metrics scraper reads.
     */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Roles.ADMIN).implies(Roles.STAFF)
                .role(Roles.STAFF).implies(Roles.MONITORING).build();
    }

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ObjectProvider<ApiAccessRules> serviceRules)
            throws Exception {
        ProblemResponses problems = new ProblemResponses();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(ResourceServerAutoConfiguration::authorities);
        return stateless(http)
                .authorizeHttpRequests(rules -> {
                    // An error page or an async (SSE) dispatch belongs to a request that was already let through.
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    rules.requestMatchers("/actuator/health", "/actuator/health/liveness",
                            "/actuator/health/readiness").permitAll();
                    rules.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll();
                    rules.requestMatchers("/actuator/**").hasRole(Roles.MONITORING);
                    rules.requestMatchers("/admin/**").hasRole(Roles.ADMIN);
                    serviceRules.orderedStream().forEach(service -> service.configure(rules));
                    rules.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .withObjectPostProcessor(problems.forTokenChecks())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "false")
    SecurityFilterChain openApi(HttpSecurity http, Environment environment) throws Exception {
        log.warn("API security is OFF ({}=false): every endpoint of {} answers without a token, /admin included. "
                + "Use this for a throwaway demo only.", ENABLED,
                environment.getProperty("spring.application.name", "this service"));
        return stateless(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }

    /** The {@code roles} claim (a JSON array) as role authorities; a token without it has none. */
    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return roles == null ? List.of() : roles.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
                .toList();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable);
    }
}
