package io.ordersaga.systemtests.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The observability profile of docker-compose.yml: Prometheus, Jaeger and Grafana, started only with
 * {@code --profile observability}, with their configuration from docker/observability, and traces exported from the
 * services only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Needs no Docker.
 */
class ObservabilityProfileTest {

    static final String PROFILE = "observability";
    static final Set<String> CONTAINERS = Set.of("prometheus", "jaeger", "grafana");
    /** The stack without the optional UI, plus the observability profile. */
    private static final long BUDGET = 4608L << 20;

    private final ComposeFile compose = ComposeFile.load("docker-compose.yml");

    @Test
    void theProfileRunsPrometheusJaegerAndGrafanaAndNothingElse() {
        Set<String> inProfile = compose.serviceNames().stream()
                .filter(name -> compose.service(name).profiles().contains(PROFILE)).collect(Collectors.toSet());
        assertThat(inProfile).containsExactlyInAnyOrderElementsOf(CONTAINERS);
        assertThat(compose.service("prometheus").image()).startsWith("prom/prometheus:v3.");
        assertThat(compose.service("jaeger").image()).startsWith("jaegertracing/jaeger:2.");
        assertThat(compose.service("grafana").image()).startsWith("grafana/grafana:");
    }

    @Test
    void everyConfigurationFileTheProfileMountsExists() {
        for (String name : CONTAINERS) {
            for (String volume : compose.service(name).volumes()) {
                String source = volume.split(":")[0];
                assertThat(Repository.file(source)).as("%s mounts %s", name, source).exists();
                assertThat(volume).as("%s: configuration is read-only", name).endsWith(":ro");
            }
        }
        assertThat(compose.service("prometheus").volumes())
                .contains("./docker/observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void grafanaStartsOnceItsDataSourcesAreHealthy() {
        assertThat(compose.service("grafana").dependsOn())
                .containsEntry("prometheus", "service_healthy")
                .containsEntry("jaeger", "service_healthy");
        String datasources = Repository.read("docker/observability/grafana/provisioning/datasources/datasources.yml");
        assertThat(datasources).contains("url: http://prometheus:9090").contains("url: http://jaeger:16686");
    }

    @Test
    void servicesTraceOneOrderInTenUnlessTheSamplingVariableSaysOtherwise() {
        for (String service : ComposeFileTest.DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).rawEnvironment()).as(service).containsEntry(
                    "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "${MANAGEMENT_TRACING_SAMPLING_PROBABILITY:-0.1}");
            assertThat(compose.service(service).environment()).as("%s with the committed .env", service)
                    .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1");
        }
        assertThat(Repository.read("docker-compose.yml")).as("the switch to every trace is documented")
                .contains("MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0");
    }

    @Test
    void servicesExportNoTracesUnlessAnOtlpEndpointIsGiven() {
        for (String service : ComposeFileTest.DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).rawEnvironment())
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "${OTEL_EXPORTER_OTLP_ENDPOINT:-}");
            assertThat(compose.service(service).environment()).as("%s with the committed .env", service)
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "")
                    .containsEntry("ORDERSAGA_JSON_LOGS", "false");
        }
        assertThat(Repository.read("docker-compose.yml"))
                .as("the documented endpoint is Jaeger's OTLP/HTTP port")
                .contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318");
    }

    @Test
    void theStackWithTheProfileFitsInFourAndAHalfGigabytes() {
        long total = compose.serviceNames().stream().map(compose::service)
                .filter(service -> !service.isJob())
                .filter(service -> service.profiles().isEmpty() || service.profiles().equals(List.of(PROFILE)))
                .mapToLong(service -> service.memoryLimit().orElseThrow()).sum();
        assertThat(total).isLessThan(BUDGET);
    }
}
