package io.ordersaga.messaging.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

class AdminTokenInterceptorTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void refusesEveryRequestWhileNoTokenIsConfiguredAndSaysHowToEnableIt() {
        AdminTokenInterceptor interceptor = new AdminTokenInterceptor(new AdminProperties());

        assertThatThrownBy(() -> interceptor.preHandle(request("Bearer anything"), response, new Object()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.getBody().getDetail()).contains("ORDERSAGA_ADMIN_TOKEN");
                });
    }

    @Test
    void treatsABlankTokenAsNoToken() {
        AdminTokenInterceptor interceptor = new AdminTokenInterceptor(properties("   "));

        assertThatThrownBy(() -> interceptor.preHandle(request("Bearer    "), response, new Object()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void answers401WithAChallengeWhenTheTokenIsMissingOrWrong() {
        AdminTokenInterceptor interceptor = new AdminTokenInterceptor(properties("s3cret"));

        for (String authorization : new String[] {null, "s3cret", "Basic czNjcmV0", "Bearer s3cre", "Bearer s3cret2"}) {
            assertThatThrownBy(() -> interceptor.preHandle(request(authorization), response, new Object()))
                    .as("Authorization: %s", authorization)
                    .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                        assertThat(e.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
                    });
        }
    }

    @Test
    void letsTheRightBearerTokenThrough() throws Exception {
        AdminTokenInterceptor interceptor = new AdminTokenInterceptor(properties("s3cret"));

        assertThat(interceptor.preHandle(request("Bearer s3cret"), response, new Object())).isTrue();
        assertThat(interceptor.preHandle(request("bearer s3cret"), response, new Object())).isTrue();
    }

    private static AdminProperties properties(String token) {
        AdminProperties properties = new AdminProperties();
        properties.setToken(token);
        return properties;
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/dead-letters");
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request;
    }
}
