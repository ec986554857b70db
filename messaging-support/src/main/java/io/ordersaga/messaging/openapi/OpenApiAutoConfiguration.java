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
 * {@code /swagger-ui.html}, both open without a token): the title is the service's {@code spring.application.name},
 * the version its build's, and every operation needs the {@value #BEARER} scheme, a JWT from the suite's issuer (the
 * rules are in the security package; Swagger UI's "Authorize" button takes the token). springdoc infers the rest from
 * the controllers. Backs off where springdoc is not on the class path.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearerJwt";

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
                        .description("Errors are answered as application/problem+json (RFC 9457). Every call needs a "
                                + "bearer token from the issuer (bin/token alice, --staff, --admin): 401 without a "
                                + "valid one, 403 when its roles or its customer do not fit; /admin/** needs admin."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token of the ordersaga issuer (aud 'ordersaga'; claim 'roles': "
                                + "customer, staff, admin). A customer's id is the token's subject.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Puts the bearer requirement on every operation as well, so each one shows the lock in Swagger UI. */
    @Bean
    OpenApiCustomizer bearerRequirement() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER))));
        };
    }
}
