package io.ordersaga.messaging.testing;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Bearer tokens of the {@link TestIssuer} on MockMvc requests, and the checks every service's access catalogue
 * shares: the ways a token is refused (401), and a refusal for the caller's role or customer (403), each as
 * problem+json.
 */
public final class ApiAccess {

    /** The subject of the tests' default caller (staff and admin), for requests that are not about access. */
    public static final String OPERATOR = "it-operator";

    private ApiAccess() {
    }

    /** Sends {@code token} as the bearer token, in place of any other. */
    public static RequestPostProcessor bearer(String token) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** Sends no bearer token at all, not even the default caller's. */
    public static RequestPostProcessor noToken() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }

    /** As a customer: {@code sub} is the customer id. */
    public static RequestPostProcessor customer(String customerId) {
        return bearer(TestIssuer.shared().customer(customerId));
    }

    public static RequestPostProcessor staff() {
        return bearer(TestIssuer.shared().staff());
    }

    public static RequestPostProcessor admin() {
        return bearer(TestIssuer.shared().admin());
    }

    /**
     * Every MockMvc request of a test context that imports this goes out as {@link #OPERATOR} (staff and admin)
     * unless it carries its own {@code Authorization} or {@link #noToken()}: the integration tests that are about
     * the saga, not about access, keep running with security on.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class OperatorByDefault {

        @Bean
        MockMvcBuilderCustomizer operatorByDefault() {
            return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(request -> {
                if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                    request.addHeader(HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestIssuer.shared().valid(OPERATOR, "staff", "admin"));
                }
                return request;
            }));
        }
    }

    /**
     * The request, sent with no token and with each kind of bad one (expired, another issuer, another audience, a
     * signature by another key), is 401 problem+json with a {@code WWW-Authenticate: Bearer} challenge. The bad
     * tokens carry every role, so nothing but the token's validity can explain the refusal.
     */
    public static void refusesEveryBadToken(MockMvc mvc, Supplier<MockHttpServletRequestBuilder> request)
            throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        String[] all = {"customer", "staff", "admin"};
        Map<String, RequestPostProcessor> tokens = new LinkedHashMap<>();
        tokens.put("no token", noToken());
        tokens.put("expired", bearer(issuer.expired("alice", all)));
        tokens.put("another issuer", bearer(issuer.fromAnotherIssuer("alice", all)));
        tokens.put("another audience", bearer(issuer.forAnotherAudience("alice", all)));
        tokens.put("bad signature", bearer(issuer.withBadSignature("alice", all)));
        tokens.put("not a JWT", bearer("not-a-jwt"));
        for (Map.Entry<String, RequestPostProcessor> token : tokens.entrySet()) {
            try {
                problem(mvc.perform(request.get().with(token.getValue())), 401, "Unauthorized")
                        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Bearer")));
            } catch (AssertionError e) {
                throw new AssertionError("With " + token.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The request is refused with 403 problem+json. */
    public static ResultActions forbidden(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        return problem(mvc.perform(request), 403, "Forbidden");
    }

    private static ResultActions problem(ResultActions result, int status, String title) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").value(title));
    }
}
