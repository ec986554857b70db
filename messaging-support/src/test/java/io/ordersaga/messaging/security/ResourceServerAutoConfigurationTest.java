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
}
