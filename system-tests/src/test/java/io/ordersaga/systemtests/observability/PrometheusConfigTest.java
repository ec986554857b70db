package io.ordersaga.systemtests.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' scrape configuration against the services' own configuration and docker-compose.yml: one job per
 * service, every instance found by DNS on the port the service listens on, on the path its actuator exposes.
 */
class PrometheusConfigTest {

    private static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "shipping-service", "analytics-service");
    private static final Map<String, Object> CONFIG = ObservabilityFiles.yaml(ObservabilityFiles.DIRECTORY + "prometheus.yml");

    @Test
    void scrapesExactlyTheServicesOfComposeOneJobEach() {
        Map<String, Object> compose = ObservabilityFiles.map(ObservabilityFiles.yaml("docker-compose.yml").get("services"));
        assertThat(jobs().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(compose.keySet()).containsAll(SERVICES);
    }

    @Test
    void findsEveryInstanceOfAServiceOnThePortItListensOn() {
        Map<String, Object> compose = ObservabilityFiles.map(ObservabilityFiles.yaml("docker-compose.yml").get("services"));
        jobs().forEach((service, job) -> {
            Map<String, Object> discovery = ObservabilityFiles.map(((List<?>) job.get("dns_sd_configs")).get(0));
            assertThat(discovery.get("names")).as(service).isEqualTo(List.of(service));
            assertThat(discovery.get("type")).as(service).isEqualTo("A");
            int port = ((Number) discovery.get("port")).intValue();
            assertThat(port).as("%s: server.port in its own configuration", service).isEqualTo(serverPort(service));
            Map<String, Object> environment = ObservabilityFiles.map(
                    ObservabilityFiles.map(compose.get(service)).get("environment"));
            assertThat(String.valueOf(environment.get("SERVER_PORT"))).as("%s: SERVER_PORT in compose", service)
                    .isEqualTo(Integer.toString(port));
        });
    }

    @Test
    void readsTheActuatorsPrometheusEndpoint() {
        jobs().forEach((service, job) ->
                assertThat(job.get("metrics_path")).as(service).isEqualTo("/actuator/prometheus"));
        assertThat(ObservabilityFiles.text("messaging-support/src/main/java/io/ordersaga/messaging/MessagingDefaults.java"))
                .as("every service exposes the endpoint").containsPattern(
                        "\"management.endpoints.web.exposure.include\", \"[^\"]*prometheus");
    }

    /** The endpoint asks for a token (docs/security.md): every job logs in as the issuer's metrics client. */
    @Test
    void logsInWithTheIssuersMetricsClientItsDemoSecretAndTokenUrl() {
        String issuerConfig = ObservabilityFiles.text("auth-server/src/main/resources/application.yml");
        java.util.regex.Matcher secret = java.util.regex.Pattern
                .compile("monitoring-client-secret: \\$\\{ORDERSAGA_AUTH_MONITORING_CLIENT_SECRET:([^}]+)}")
                .matcher(issuerConfig);
        assertThat(secret.find()).as("auth-server's default secret of its prometheus client").isTrue();
        jobs().forEach((service, job) -> {
            Map<String, Object> oauth2 = ObservabilityFiles.map(job.get("oauth2"));
            assertThat(oauth2).as(service).containsEntry("client_id", "prometheus")
                    .containsEntry("client_secret", secret.group(1))
                    .containsEntry("token_url", "http://auth-server:9000/oauth2/token");
        });
    }

    @Test
    void scrapesOftenEnoughForTheDashboardsRateWindows() {
        Map<String, Object> global = ObservabilityFiles.map(CONFIG.get("global"));
        assertThat(global.get("scrape_interval")).isEqualTo("5s");
    }

    private static Map<String, Map<String, Object>> jobs() {
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Object job : (List<?>) CONFIG.get("scrape_configs")) {
            Map<String, Object> config = ObservabilityFiles.map(job);
            jobs.put(String.valueOf(config.get("job_name")), config);
        }
        return jobs;
    }

    private static int serverPort(String service) {
        Map<String, Object> yaml = ObservabilityFiles.yaml(service + "/src/main/resources/" + service + ".yml");
        Map<String, Object> server = ObservabilityFiles.map(yaml.get("server"));
        return ((Number) server.get("port")).intValue();
    }
}
