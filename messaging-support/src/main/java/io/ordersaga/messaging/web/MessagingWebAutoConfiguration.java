package io.ordersaga.messaging.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Correlation ids for HTTP requests, bounded request bodies and problem+json errors. Also imported by
 * {@code @WebMvcTest} slices, so web tests see the same error answers as the running service. It runs before Boot's
 * web MVC configuration so that Boot's own problem-details handler backs off in favour of
 * {@link ProblemDetailsAdvice}.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class MessagingWebAutoConfiguration {

    @Bean
    CorrelationFilter correlationFilter() {
        return new CorrelationFilter();
    }

    /**
     * Bounds every request body; {@code ordersaga.web.max-request-body} (64KB by default) is the limit. Orders and
     * admin commands are a few hundred bytes, so the default leaves ample room and refuses a flood.
     */
    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(
            @Value("${ordersaga.web.max-request-body:64KB}") DataSize maxRequestBody) {
        return new RequestBodyLimitFilter(maxRequestBody.toBytes());
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
