package io.ordersaga.messaging.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 from the filter chain, answered like every other error: RFC 9457 {@code application/problem+json}.
 * Spring's bearer-token handlers still set the status and the RFC 6750 {@code WWW-Authenticate} header (which says
 * why a token was refused); this adds the body. A token that cannot be checked now (the issuer's JWK set did not
 * come in time) is 503 with {@code Retry-After}: the client did nothing wrong and should try again, where Spring
 * would rethrow and the servlet container answer 500.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    static final String RETRY_AFTER_SECONDS = "5";

    /** Makes the bearer-token filter hand a token it could not check to {@link #commence} instead of rethrowing. */
    ObjectPostProcessor<BearerTokenAuthenticationFilter> forTokenChecks() {
        ProblemResponses entryPoint = this;
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(entryPoint);
                failures.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("503 for {} {}: the access token could not be checked ({})", request.getMethod(),
                    request.getRequestURI(), e.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The access token cannot be checked right now (the token issuer's keys did not come in time);"
                            + " try again in a few seconds.");
            return;
        }
        bearerEntryPoint.commence(request, response, e);
        String detail = e instanceof OAuth2AuthenticationException invalid
                ? "The bearer token was refused: " + reason(invalid)
                : "This endpoint needs a bearer token: send 'Authorization: Bearer <token>' (bin/token prints one).";
        log.debug("401 for {} {}: {}", request.getMethod(), request.getRequestURI(), detail);
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        bearerDenied.handle(request, response, e);
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                "The token's roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private static String reason(OAuth2AuthenticationException e) {
        String description = e.getError().getDescription();
        return description != null ? description : e.getError().getErrorCode();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
