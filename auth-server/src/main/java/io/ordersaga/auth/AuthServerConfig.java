package io.ordersaga.auth;

import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The issuer's wiring: the protocol endpoints, the login form, the demo users, the one registered client and the
 * signing key. The issuer itself ({@code spring.security.oauth2.authorizationserver.issuer}) is a property.
 */
@Configuration(proxyBeanMethods = false)
class AuthServerConfig {

    /** The public client of the command-line tools ({@code bin/token}, the benchmark). */
    static final String CLI_CLIENT_ID = "ordersaga-cli";
    static final String MONITORING_CLIENT_ID = "prometheus";
    /**
     * A loopback redirect (RFC 8252 section 7.3: any port is accepted). The tools read the code from the redirect's
     * {@code Location} header instead of listening there, so nothing needs to run on it.
     */
    static final String CLI_REDIRECT_URI = "http://127.0.0.1/callback";
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    /** The OAuth2 and OpenID Connect endpoints; a browser that is not logged in is sent to the login form. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(withDefaults());
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), html));
        return http.build();
    }

    /** Everything else: the login form, and the health probes open to the launcher and compose. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain loginFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().authenticated());
        http.formLogin(withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(PasswordEncoder passwordEncoder) {
        return new InMemoryUserDetailsManager(DemoUsers.withPasswordsEncodedBy(passwordEncoder));
    }

    /**
     * The command-line client: public (a shell tool cannot keep a secret), so the authorization code flow with PKCE
     * and no consent page (the tools are the suite's own). Public clients get no refresh token: a tool logs in
     * again when its token expires.
     */
    @Bean
    RegisteredClientRepository registeredClients(
            @Value("${ordersaga.auth.monitoring-client-secret}") String monitoringSecret) {
        RegisteredClient cli = RegisteredClient.withId(UUID.nameUUIDFromBytes(CLI_CLIENT_ID.getBytes()).toString())
                .clientId(CLI_CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(CLI_REDIRECT_URI)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
                .build();
        // The observability profile's Prometheus: a confidential client of its own (client credentials, no user),
        // whose tokens carry the one role that reads /actuator/prometheus and nothing of the API.
        RegisteredClient monitoring = RegisteredClient
                .withId(UUID.nameUUIDFromBytes(MONITORING_CLIENT_ID.getBytes()).toString())
                .clientId(MONITORING_CLIENT_ID)
                .clientSecret("{noop}" + monitoringSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
                .build();
        return new InMemoryRegisteredClientRepository(cli, monitoring);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims() {
        return new AccessTokenClaims();
    }

    /** The published key set ({@code /oauth2/jwks}) and the signer: the one persisted key. */
    @Bean
    JWKSource<SecurityContext> jwkSource(@Value("${ordersaga.auth.keys-dir}") Path keysDirectory) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrCreate(keysDirectory)));
    }
}
