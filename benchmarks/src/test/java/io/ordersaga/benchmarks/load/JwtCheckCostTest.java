package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The check is the services' one: a good token is timed, one for another audience is refused, not timed. */
class JwtCheckCostTest {

    private RSAKey key;
    private HttpServer jwks;
    private URI issuer;

    @BeforeEach
    void serveAKeySet() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        jwks.start();
        issuer = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    @Test
    void timesTheCheckOfAGoodToken() throws Exception {
        JwtCheckCost.Result result = JwtCheckCost.measure(issuer, token("ordersaga"), 50, 100);

        assertThat(result.checks()).isEqualTo(100);
        assertThat(result.microsPerCheck()).isPositive();
    }

    @Test
    void refusesATokenTheServicesWouldRefuse() throws Exception {
        String token = token("some-other-api");

        assertThatThrownBy(() -> JwtCheckCost.measure(issuer, token, 1, 1)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void readsTheIssuerTheTokenNames() throws Exception {
        assertThat(JwtCheckCost.issuerOf(token("ordersaga"))).isEqualTo(issuer.toString());
    }

    private String token(String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.toString()).subject("admin")
                .audience(List.of(audience)).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(900))).claim("roles", List.of("admin")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
