package io.ordersaga.messaging.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /admin/**} with the shared admin token: {@code Authorization: Bearer <token>}. Without a configured
 * token the admin endpoints are switched off (403, saying how to switch them on); a missing or wrong token is 401.
 * The refusals are problem+json answers of the shared {@code ProblemDetailsAdvice}.
 */
public class AdminTokenInterceptor implements HandlerInterceptor {

    static final String ENABLE_HINT = "Set the environment variable ORDERSAGA_ADMIN_TOKEN (property ordersaga.admin.token) "
            + "on this service and send it as 'Authorization: Bearer <token>'.";
    private static final Logger log = LoggerFactory.getLogger(AdminTokenInterceptor.class);
    private static final String BEARER = "Bearer ";

    private final AdminProperties properties;

    public AdminTokenInterceptor(AdminProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!properties.isEnabled()) {
            throw refusal(HttpStatus.FORBIDDEN, "Admin endpoints disabled",
                    "The admin endpoints of this service are switched off. " + ENABLE_HINT);
        }
        String given = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                properties.getToken().getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(),
                    given == null ? "no admin token" : "wrong admin token");
            ErrorResponseException refusal = refusal(HttpStatus.UNAUTHORIZED, "Admin token required",
                    "Send this service's admin token as 'Authorization: Bearer <token>'.");
            refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ordersaga-admin\"");
            throw refusal;
        }
        return true;
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static ErrorResponseException refusal(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
