package io.ordersaga.messaging.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Metrics, tracing and logging defaults of every service, at the lowest precedence (like
 * {@link io.ordersaga.messaging.MessagingDefaults}): a service's configuration and the environment still win.
 *
 * <ul>
 *   <li>Every meter carries the tag {@code application}.</li>
 *   <li>One order in ten is traced ({@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0} traces every one). The
 *       decision is taken once, where the order's trace starts, and every service follows it (Boot's sampler is
 *       parent-based): the Kafka template and listeners are observed, so a W3C {@code traceparent} travels on every
 *       record, sampled or not, and an unsampled order stays unsampled in every service.</li>
 *   <li>Spans are exported over OTLP only when an endpoint is configured: Boot's own property, or OpenTelemetry's
 *       standard {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_ENDPOINT}. Without one,
 *       nothing is exported and nothing tries to connect.</li>
 *   <li>{@code ORDERSAGA_JSON_LOGS=true} switches the console to structured JSON (Elastic Common Schema), with the
 *       MDC's {@code traceId}, {@code correlationId} and {@code orderId} as fields.</li>
 * </ul>
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "ordersagaObservabilityDefaults";
    static final String JSON_LOGS = "ordersaga.json-logs";
    static final String OTLP_TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String JSON_LOG_FORMAT = "ecs";
    static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";
    /** Tracing every order cost about 10 % of an order's CPU (issue 20); one in ten still shows every path. */
    static final String DEFAULT_SAMPLING_PROBABILITY = "0.1";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put(SAMPLING_PROBABILITY, DEFAULT_SAMPLING_PROBABILITY);
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        String endpoint = otlpTracesEndpoint(environment);
        if (endpoint != null) {
            defaults.put(OTLP_TRACES_ENDPOINT, endpoint);
        }
        if (environment.getProperty(JSON_LOGS, Boolean.class, false)) {
            defaults.put("logging.structured.format.console", JSON_LOG_FORMAT);
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** OpenTelemetry's own variables, for a service that has not set Boot's property. */
    private static String otlpTracesEndpoint(ConfigurableEnvironment environment) {
        String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (StringUtils.hasText(traces)) {
            return traces.trim();
        }
        String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (StringUtils.hasText(base)) {
            return base.trim().replaceAll("/+$", "") + "/v1/traces";
        }
        return null;
    }
}
