package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ObservabilityDefaultsTest {

    @Test
    void tagsEveryMeterWithTheApplicationAndObservesEveryRecord() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "order-service"));

        assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("order-service");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
    }

    @Test
    void samplesOneTraceInTenByDefault() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class)).isEqualTo(0.1);
    }

    @Test
    void theSamplingProbabilityIsOneEnvironmentVariableAway() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "env", Map.of("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0")));
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class)).isEqualTo(1.0);
    }

    @Test
    void configuresNoOtlpEndpointAndPlainLogsByDefault() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.containsProperty(ObservabilityDefaults.OTLP_TRACES_ENDPOINT)).isFalse();
        assertThat(environment.containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void exportsToTheTracesPathOfOpenTelemetrysStandardBaseEndpoint() {
        StandardEnvironment environment = environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://tempo:4318/"));

        assertThat(environment.getProperty(ObservabilityDefaults.OTLP_TRACES_ENDPOINT))
                .isEqualTo("http://tempo:4318/v1/traces");
    }

    @Test
    void takesOpenTelemetrysTracesEndpointAsItIs() {
        StandardEnvironment environment = environment(Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:4318"));

        assertThat(environment.getProperty(ObservabilityDefaults.OTLP_TRACES_ENDPOINT))
                .isEqualTo("http://collector:4318/custom");
    }

    @Test
    void bootsOwnEndpointPropertyWinsOverOpenTelemetrysVariables() {
        StandardEnvironment environment = environment(Map.of(
                ObservabilityDefaults.OTLP_TRACES_ENDPOINT, "http://mine:4318/v1/traces",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://tempo:4318"));

        assertThat(environment.getProperty(ObservabilityDefaults.OTLP_TRACES_ENDPOINT))
                .isEqualTo("http://mine:4318/v1/traces");
    }

    @Test
    void theJsonLogsSwitchSelectsElasticCommonSchemaOnTheConsole() {
        StandardEnvironment environment = environment(Map.of(ObservabilityDefaults.JSON_LOGS, "true"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    private static StandardEnvironment environment(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
