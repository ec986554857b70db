package io.ordersaga.messaging.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ordersaga.security.*}: the API's bearer-token check. {@code ORDERSAGA_SECURITY_ENABLED=false} turns it off
 * for a throwaway demo (a WARN at start says so); {@code ORDERSAGA_SECURITY_ISSUER_URI} points it at the issuer.
 */
@ConfigurationProperties("ordersaga.security")
public class SecurityProperties {

    /** Off only by choice: every endpoint then answers without a token. */
    private boolean enabled = true;
    /** The {@code iss} every token must carry. */
    private String issuerUri = "http://localhost:9000";
    /** Where the issuer's public keys are; by default {@code <issuer-uri>/oauth2/jwks}. */
    private String jwkSetUri;
    /** The {@code aud} every token must contain. */
    private String audience = "ordersaga";
    /** How far the service's clock and the issuer's may disagree when checking {@code exp} and {@code nbf}. */
    private Duration clockSkew = Duration.ofSeconds(30);
    /**
     * How long to wait for the issuer's JWK set (to connect, and to read): Spring's default is Nimbus's 500 ms, which a
     * busy issuer or a busy machine exceeds; past it the request is answered 503 with Retry-After, not 500.
     */
    private Duration jwksTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getIssuerUri() {
        return issuerUri;
    }

    public void setIssuerUri(String issuerUri) {
        this.issuerUri = issuerUri;
    }

    public String getJwkSetUri() {
        return jwkSetUri != null && !jwkSetUri.isBlank() ? jwkSetUri : stripSlash(issuerUri) + "/oauth2/jwks";
    }

    public void setJwkSetUri(String jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public Duration getJwksTimeout() {
        return jwksTimeout;
    }

    public void setJwksTimeout(Duration jwksTimeout) {
        this.jwksTimeout = jwksTimeout;
    }
}
