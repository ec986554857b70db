package io.ordersaga.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import org.assertj.core.api.InstanceOfAssertFactories;
import com.nimbusds.jose.jwk.RSAKey;
import io.ordersaga.tokenclient.TokenClient;
import io.ordersaga.tokenclient.TokenClient.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The issuer as the services and the tools meet it, over real HTTP: discovery, the key set, a token obtained through
 * the real login and code flow, checked by a decoder set up the way a resource server sets one up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AuthServerIT {

    /** The issuer must be known before the context starts (it is a property), so the port is chosen up front. */
    private static final int PORT = freePort();
    private static final String ISSUER = "http://localhost:" + PORT;

    @TempDir
    static Path keys;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.security.oauth2.authorizationserver.issuer", () -> ISSUER);
        registry.add("ordersaga.auth.keys-dir", () -> keys.toString());
    }

    private final RestClient http = RestClient.create(ISSUER);
    private final TokenClient tokens = new TokenClient(URI.create(ISSUER));

    @Test
    void discoveryNamesTheIssuerAndItsKeySet() {
        for (String document : List.of("/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server")) {
            Map<String, Object> metadata = http.get().uri(document).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            assertThat(metadata).containsEntry("issuer", ISSUER)
                    .containsEntry("jwks_uri", ISSUER + "/oauth2/jwks")
                    .containsEntry("token_endpoint", ISSUER + "/oauth2/token");
            assertThat(metadata.get("code_challenge_methods_supported")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .contains("S256");
        }
    }

    @Test
    void keySetPublishesTheOnePublicSigningKey() throws Exception {
        JWKSet published = JWKSet.parse(http.get().uri("/oauth2/jwks").retrieve().body(String.class));

        assertThat(published.getKeys()).hasSize(1);
        RSAKey key = published.getKeys().get(0).toRSAKey();
        assertThat(key.isPrivate()).as("the private part stays on the issuer").isFalse();
        assertThat(key.getKeyID()).isEqualTo(SigningKey.loadOrCreate(keys).getKeyID());
    }

    @Test
    void customerTokenCarriesTheContractClaimsAndValidatesLikeAResourceServerChecksIt() {
        String token = tokens.accessToken("alice", "alice-password").value();

        Jwt jwt = resourceServerDecoder(ISSUER, "ordersaga").decode(token);

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getAudience()).containsExactly("ordersaga");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void adminTokenCarriesBothOfItsRoles() {
        Jwt jwt = resourceServerDecoder(ISSUER, "ordersaga").decode(tokens.accessToken("admin", "admin-password")
                .value());

        assertThat(jwt.getSubject()).isEqualTo("admin");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactlyInAnyOrder("admin", "staff");
    }

    @Test
    void aResourceServerExpectingAnotherAudienceOrIssuerRefusesTheToken() {
        String token = tokens.accessToken("bob", "bob-password").value();

        assertThatThrownBy(() -> resourceServerDecoder(ISSUER, "some-other-api").decode(token))
                .isInstanceOf(JwtException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> resourceServerDecoder("http://issuer.example", "ordersaga").decode(token))
                .isInstanceOf(JwtException.class).hasMessageContaining("iss");
    }

    @Test
    void theMetricsScraperGetsATokenWithTheMonitoringRoleOnlyAndOnlyWithItsSecret() {
        Map<String, Object> answer = http.post().uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth("prometheus", "prometheus-demo-only"))
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials").retrieve().body(new ParameterizedTypeReference<>() { });

        Jwt jwt = resourceServerDecoder(ISSUER, "ordersaga").decode(String.valueOf(answer.get("access_token")));
        assertThat(jwt.getSubject()).isEqualTo("prometheus");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("monitoring");

        assertThatThrownBy(() -> http.post().uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth("prometheus", "wrong"))
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials").retrieve().toBodilessEntity())
                .hasMessageContaining("401");
    }

    @Test
    void wrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> tokens.accessToken("alice", "bob-password"))
                .isInstanceOf(TokenException.class).hasMessageContaining("refused the login of 'alice'");
        assertThatThrownBy(() -> tokens.accessToken("mallory", "mallory-password"))
                .isInstanceOf(TokenException.class).hasMessageContaining("refused");
    }

    @Test
    void healthProbeIsOpenWithoutALogin() {
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
    }

    /** What a service's resource-server configuration does: keys from the JWKS URI, issuer and audience checked. */
    static JwtDecoder resourceServerDecoder(String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtAudienceValidator(audience)));
        return decoder;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
