package io.ordersaga.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that a service's OpenAPI document ({@code /v3/api-docs}) lists every endpoint the application maps: the
 * {@code METHOD path} pairs of all {@code @RequestMapping} handler methods of its own controllers (springdoc's and
 * Spring's, such as Boot's error controller, left out) must equal the operations under the document's
 * {@code paths}. A new endpoint the document misses, or one it lists that no longer exists, fails the calling test.
 */
public final class ApiDocsCoverage {

    private ApiDocsCoverage() {
    }

    /**
     * Fetches {@code /v3/api-docs} through {@code mvc} and checks it; Swagger UI must answer too. Both are open
     * without a token, and the document declares the bearer scheme every operation needs.
     */
    public static void assertDocumentListsEveryEndpoint(ApplicationContext context, MockMvc mvc) throws Exception {
        mvc.perform(get("/swagger-ui.html").with(ApiAccess.noToken())).andExpect(redirectedUrl("/swagger-ui/index.html"));
        mvc.perform(get("/swagger-ui/index.html").with(ApiAccess.noToken())).andExpect(status().isOk());
        String document = mvc.perform(get("/v3/api-docs").with(ApiAccess.noToken())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode root = JsonMapper.builder().build().readTree(document);
        assertThat(root.path("components").path("securitySchemes").path("bearerJwt").path("scheme").asString())
                .as("the bearer scheme in /v3/api-docs").isEqualTo("bearer");
        assertThat(root.path("security").toString()).as("the document's default requirement").contains("bearerJwt");
        assertDocumentListsEveryEndpoint(context, document);
    }

    public static void assertDocumentListsEveryEndpoint(ApplicationContext context, String apiDocsJson) {
        JsonNode paths = JsonMapper.builder().build().readTree(apiDocsJson).path("paths");
        Set<String> documented = new TreeSet<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            }
        }
        assertThat(documented).as("operations in /v3/api-docs").isEqualTo(mapped(context));
    }

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** The application's own handler methods as {@code METHOD path}, path variables without their regex. */
    static Set<String> mapped(ApplicationContext context) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            String owner = handler.getBeanType().getName();
            if (owner.startsWith("org.springdoc.") || owner.startsWith("org.springframework.")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                // A mapping without a method answers every method; springdoc documents it as all of them.
                (methods.isEmpty() ? Set.of(RequestMethod.values()) : methods)
                        .forEach(method -> endpoints.add(method.name() + " " + path));
            }
        });
        return endpoints;
    }
}
