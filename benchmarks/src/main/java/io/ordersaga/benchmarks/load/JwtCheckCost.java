package io.ordersaga.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What API security adds to an order: a service checks the bearer token of each {@code POST /orders} (the saga's
 * events carry none). Timed here with the decoder the services configure (messaging-support's
 * {@code ResourceServerAutoConfiguration}: keys from the issuer's JWK set, RS256 signature, lifetime, issuer and
 * audience), in a warm loop over the run's own token, so the figure is the check alone, without the noise of a whole
 * order (tens of milliseconds of CPU) around it. The keys are fetched once and cached, as in a service.
 */
public final class JwtCheckCost {

    private static final Pattern ISSUER = Pattern.compile("\"iss\"\\s*:\\s*\"([^\"]+)\"");
    private static final String AUDIENCE = "ordersaga";

    /** {@code checks} timed checks after {@code warmUp} untimed ones, and the mean time of one. */
    public record Result(int checks, int warmUp, double microsPerCheck) {
    }

    private JwtCheckCost() {
    }

    public static Result measure(URI issuer, String token, int warmUp, int checks) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuerOf(token)), // the token's own: compose names the service
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null
                        && audience.contains(AUDIENCE))));
        Jwt last = null;
        for (int i = 0; i < warmUp; i++) {
            last = decoder.decode(token);
        }
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            last = decoder.decode(token);
        }
        long elapsed = System.nanoTime() - start;
        if (last == null && checks > 0) {
            throw new IllegalStateException("no token decoded");
        }
        return new Result(checks, warmUp, elapsed / 1e3 / Math.max(1, checks));
    }

    static String issuerOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher issuer = ISSUER.matcher(claims);
        if (!issuer.find()) {
            throw new IllegalArgumentException("the token names no issuer");
        }
        return issuer.group(1);
    }
}
