package io.ordersaga.messaging.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

@ExtendWith(OutputCaptureExtension.class)
class ResourceServerAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResourceServerAutoConfiguration.class,
                    SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

    @Test
    void isOnByDefaultWithTheIssuersKeysAndSaysNothingAboutBeingOff(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JwtDecoder.class).hasBean("apiSecurity").doesNotHaveBean("openApi");
            assertThat(context.getBean(SecurityProperties.class).getJwkSetUri())
                    .isEqualTo("http://localhost:9000/oauth2/jwks");
        });
        assertThat(output).doesNotContain("API security is OFF");
    }

    @Test
    void turnedOffItLetsEverythingThroughAndWarnsAtStart(CapturedOutput output) {
        runner.withPropertyValues("ordersaga.security.enabled=false", "spring.application.name=order-service")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(JwtDecoder.class).hasBean("openApi")
                            .hasSingleBean(SecurityFilterChain.class);
                });
        assertThat(output).contains("WARN").contains("API security is OFF").contains("order-service");
    }

    @Test
    void theRolesClaimBecomesRoleAuthoritiesAndATokenWithoutItHasNone() {
        assertThat(ResourceServerAutoConfiguration.authorities(jwt(List.of("customer", "staff"))))
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_CUSTOMER", "ROLE_STAFF");
        assertThat(ResourceServerAutoConfiguration.authorities(jwt(null))).isEmpty();
    }

    private static Jwt jwt(List<String> roles) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (roles != null) {
            builder.claim("roles", roles);
        }
        return builder.build();
    }

    /**
     * An issuer whose JWK set does not come in time (a server that accepts the connection and never answers): the
     * request is 503 problem+json with Retry-After, not the container's 500; a token the decoder never needs to check
     * (none at all) is still 401.
     */
    @Test
    void aTokenThatCannotBeCheckedInTimeIs503WithRetryAfterNot500() throws Exception {
        com.sun.net.httpserver.HttpServer silent = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        silent.createContext("/oauth2/jwks", exchange -> {
            try {
                release.await(); // never answers while the request waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        String token = io.ordersaga.messaging.testing.TestIssuer.shared().staff();
        try {
            runner.withPropertyValues("ordersaga.security.issuer-uri="
                            + io.ordersaga.messaging.testing.TestIssuer.shared().issuerUri(),
                    "ordersaga.security.jwk-set-uri=http://127.0.0.1:" + silent.getAddress().getPort() + "/oauth2/jwks",
                    "ordersaga.security.jwks-timeout=300ms")
                    .run(context -> {
                        org.springframework.test.web.servlet.MockMvc mvc = org.springframework.test.web.servlet
                                .setup.MockMvcBuilders.webAppContextSetup(context)
                                .addFilters(context.getBean("springSecurityFilterChain", jakarta.servlet.Filter.class))
                                .build();
                        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                        .get("/orders").header("Authorization", "Bearer " + token))
                                .andExpect(result -> {
                                    assertThat(result.getResponse().getStatus()).isEqualTo(503);
                                    assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
                                    assertThat(result.getResponse().getContentType())
                                            .startsWith("application/problem+json");
                                    assertThat(result.getResponse().getContentAsString())
                                            .contains("\"status\":503").contains("cannot be checked right now");
                                });
                        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/orders"))
                                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(401));
                    });
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }
}
