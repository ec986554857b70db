package io.ordersaga.systemtests.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.systemtests.observability.Dashboard.Panel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The provisioned dashboard has a panel for each signal of the issue, reads only from provisioned data sources, and
 * Grafana finds it where the provisioning says. That every metric it reads is exported is ExportedMetricsIT's part.
 */
class DashboardTest {

    private static final String PROVISIONING = ObservabilityFiles.DIRECTORY + "grafana/provisioning/";
    private final Dashboard dashboard = Dashboard.load();

    @Test
    void showsLagProcessingTimeErrorsQueueDepthAndTheSaga() {
        assertThat(queriesOf("lag")).anyMatch(query -> query.contains("ordersaga_consumer_lag")
                && query.contains("group") && query.contains("partition"));
        assertThat(queriesOf("processing time")).anyMatch(query ->
                query.contains("histogram_quantile") && query.contains("ordersaga_listener_processing_seconds_bucket")
                        && query.contains("event_type"));
        assertThat(queriesOf("failed")).anyMatch(query -> query.contains("ordersaga_listener_failures_total"))
                .anyMatch(query -> query.contains("ordersaga_listener_retries_total"));
        assertThat(queriesOf("dead letters per")).anyMatch(query -> query.contains("ordersaga_listener_dead_letters_total"));
        assertThat(queriesOf("dead-letter depth")).anyMatch(query -> query.contains("ordersaga_deadletter_depth"));
        assertThat(queriesOf("outbox backlog")).anyMatch(query -> query.contains("ordersaga_outbox_backlog"));
        assertThat(queriesOf("oldest unsent")).anyMatch(query -> query.contains("ordersaga_outbox_oldest_unsent_age_seconds"));
        assertThat(queriesOf("saga outcomes")).anyMatch(query -> query.contains("ordersaga_orders_placed_total"))
                .anyMatch(query -> query.contains("ordersaga_orders_completed_total"))
                .anyMatch(query -> query.contains("ordersaga_orders_cancelled_total") && query.contains("reason"))
                .anyMatch(query -> query.contains("ordersaga_orders_refused_total"));
    }

    @Test
    void sagaDurationShowsP50P95AndP99FromTheHistogram() {
        List<String> percentiles = queriesOf("saga duration");
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertThat(percentiles).anyMatch(query -> query.startsWith("histogram_quantile(" + quantile + ",")
                    && query.contains("ordersaga_saga_duration_seconds_bucket") && query.contains("le"));
        }
    }

    @Test
    void everyPanelQueriesAProvisionedDataSource() {
        Set<String> provisioned = ObservabilityFiles.map(ObservabilityFiles.yaml(PROVISIONING + "datasources/datasources.yml"))
                .entrySet().stream().filter(entry -> entry.getKey().equals("datasources"))
                .flatMap(entry -> ((List<?>) entry.getValue()).stream())
                .map(source -> String.valueOf(ObservabilityFiles.map(source).get("uid")))
                .collect(Collectors.toSet());
        assertThat(provisioned).contains("prometheus", "jaeger");
        assertThat(dashboard.panels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.datasourceUid()).as(panel.title()).isIn(provisioned);
            assertThat(panel.queries()).as(panel.title()).isNotEmpty().allMatch(query -> !query.isBlank());
        });
    }

    @Test
    void grafanaLoadsTheDashboardFromTheDirectoryComposeMountsItIn() {
        Map<String, Object> provider = ObservabilityFiles.map(((List<?>) ObservabilityFiles
                .yaml(PROVISIONING + "dashboards/dashboards.yml").get("providers")).get(0));
        assertThat(ObservabilityFiles.map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
        assertThat(ObservabilityFiles.text("docker-compose.yml"))
                .contains("./docker/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro")
                .contains("./docker/observability/grafana/provisioning:/etc/grafana/provisioning:ro");
        assertThat(dashboard.json().path("uid").asString()).isEqualTo("ordersaga");
    }

    @Test
    void findsTheMetricNamesOfAQueryAndNothingElse() {
        assertThat(Dashboard.metricNames("histogram_quantile(0.95, sum by (le, group) "
                + "(rate(ordersaga_listener_processing_seconds_bucket{outcome=\"success\"}[$__rate_interval])))"))
                .containsExactly("ordersaga_listener_processing_seconds_bucket");
        assertThat(Dashboard.metricNames("sum(rate(a_total[5m])) * 60 / max without (x) (b) + 1e3"))
                .containsExactly("a_total", "b");
    }

    private List<String> queriesOf(String titlePart) {
        List<Panel> panels = dashboard.panels().stream()
                .filter(panel -> panel.title().toLowerCase().contains(titlePart)).toList();
        assertThat(panels).as("panels titled *%s*", titlePart).isNotEmpty();
        return panels.stream().flatMap(panel -> panel.queries().stream()).toList();
    }
}
