package io.ordersaga.messaging.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The settings every service's OpenAPI document shares ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}): the title is the service's {@code spring.application.name}, the version its build's, and
 * {@code /admin/**} is marked as needing the admin token (the guard in {@code admin.AdminTokenInterceptor}), so the
 * document says what a caller must send. springdoc infers the rest from the controllers. Backs off where springdoc
 * is not on the class path.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    static final String ADMIN_TOKEN = "adminToken";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(Environment environment, ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion()
                : OpenApiAutoConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title(environment.getProperty("spring.application.name", "ordersaga service"))
                        .version(version != null ? version : "dev")
                        .description("Errors are answered as application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The shared admin token (ordersaga.admin.token); the admin endpoints answer only when it is set.")));
    }

    /** Puts the admin-token requirement on every operation under {@code /admin}. */
    @Bean
    OpenApiCustomizer adminTokenRequirement() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/admin/")) {
                    item.readOperations().forEach(operation ->
                            operation.addSecurityItem(new SecurityRequirement().addList(ADMIN_TOKEN)));
                }
            });
        };
    }
}
