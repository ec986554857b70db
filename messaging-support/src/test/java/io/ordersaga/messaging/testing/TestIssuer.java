package io.ordersaga.messaging.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real token issuer for tests, one per JVM: an RSA key generated at start, its public half served as a JWK set by
 * a JDK HTTP server on a free loopback port ({@code <issuer>/oauth2/jwks}, as the suite's issuer serves it), and
 * access tokens shaped as the security contract says: RS256, {@code iss} = this issuer, {@code aud} =
 * {@value #AUDIENCE}, {@code sub} = the user (for a customer, the customer id), {@code roles}, 15 minutes.
 *
 * <p>Services under test check these tokens with their real decoder: {@link EmbeddedInfrastructure} points every
 * test context at this issuer. The faulty tokens ({@link #expired}, {@link #fromAnotherIssuer}, …) are what the
 * access catalogues must refuse.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "ordersaga";
    static final Duration LIFETIME = Duration.ofMinutes(15);
    /** A cached token is handed out while it has at least this long left, so a slow test never sends a stale one. */
    private static final Duration REUSE = Duration.ofMinutes(5);

    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey impostor;
    private final String issuer;
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();

    private record Minted(String token, Instant at) {
    }

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            // Same key id, other key: a token it signs names a known key but does not verify against it.
            impostor = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
            issuer = "http://localhost:" + server.getAddress().getPort();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate the test issuer's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test issuer's JWKS server", e);
        }
    }

    /** The JVM's one test issuer, started on first use. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
        }
        return shared;
    }

    public String issuerUri() {
        return issuer;
    }

    /** The settings that point a service at this issuer ({@code ordersaga.security.issuer-uri}). */
    public Map<String, String> properties() {
        return Map.of("ordersaga.security.issuer-uri", issuer);
    }

    /** A valid token of a customer: {@code sub} is the customer id. */
    public String customer(String customerId) {
        return valid(customerId, "customer");
    }

    public String staff() {
        return valid("staff", "staff");
    }

    /** As the demo admin: roles admin and staff. */
    public String admin() {
        return valid("admin", "admin", "staff");
    }

    /** A valid token for any subject and roles (none is a token without a role). */
    public String valid(String subject, String... roles) {
        String cacheKey = subject + "|" + String.join(",", roles);
        Instant now = Instant.now();
        Minted minted = cache.compute(cacheKey, (k, cached) -> cached != null
                && cached.at().plus(LIFETIME).minus(REUSE).isAfter(now) ? cached
                : new Minted(sign(key, claims(subject, roles, issuer, AUDIENCE, now, now.plus(LIFETIME))), now));
        return minted.token();
    }

    /** Expired ten minutes ago: well past any clock skew a service allows. */
    public String expired(String subject, String... roles) {
        Instant issued = Instant.now().minus(LIFETIME).minus(Duration.ofMinutes(10));
        return sign(key, claims(subject, roles, issuer, AUDIENCE, issued, issued.plus(LIFETIME)));
    }

    /** Signed with this issuer's key, but naming another issuer. */
    public String fromAnotherIssuer(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(key, claims(subject, roles, "http://localhost:1/elsewhere", AUDIENCE, now, now.plus(LIFETIME)));
    }

    /** Signed with this issuer's key, but for another audience. */
    public String forAnotherAudience(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(key, claims(subject, roles, issuer, "another-api", now, now.plus(LIFETIME)));
    }

    /** Right claims, right key id, but signed with another key. */
    public String withBadSignature(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(impostor, claims(subject, roles, issuer, AUDIENCE, now, now.plus(LIFETIME)));
    }

    private static JWTClaimsSet claims(String subject, String[] roles, String issuer, String audience,
                                       Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of(roles))
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a test token", e);
        }
    }
}
