package io.ordersaga.auth;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds what the services check to every access token (the security contract): {@code aud} = {@value #AUDIENCE},
 * so a token minted by this issuer for some other API is refused by the suite, and {@code roles}, the user's roles
 * in lower case ({@code customer}, {@code staff}, {@code admin}). {@code sub} is already the user name.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AUDIENCE = "ordersaga";
    static final String ROLES = "roles";
    static final String MONITORING = "monitoring";
    private static final String ROLE_PREFIX = "ROLE_";

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return; // an ID token's audience is the client, as OpenID Connect requires
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            // No user behind it: the metrics scraper (AuthServerConfig), and nothing else has this grant.
            context.getClaims().audience(List.of(AUDIENCE)).claim(ROLES, List.of(MONITORING));
            return;
        }
        List<String> roles = context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT))
                .toList();
        context.getClaims().audience(List.of(AUDIENCE)).claim(ROLES, roles);
    }
}
