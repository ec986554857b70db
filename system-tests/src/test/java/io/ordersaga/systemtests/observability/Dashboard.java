package io.ordersaga.systemtests.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The provisioned Grafana dashboard ({@value #PATH}): its panels, their PromQL queries, and the metric names those
 * queries read.
 */
public final class Dashboard {

    public static final String PATH = ObservabilityFiles.DIRECTORY + "grafana/dashboards/ordersaga.json";

    /** Label lists of aggregations and vector matching, label matchers, ranges and strings: no metric names in them. */
    private static final Pattern NOT_METRICS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*\\(");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private final JsonNode json;

    private Dashboard(JsonNode json) {
        this.json = json;
    }

    public static Dashboard load() {
        return new Dashboard(ObservabilityFiles.json(PATH));
    }

    JsonNode json() {
        return json;
    }

    /** Every panel that shows data (rows are layout only). */
    public List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (!"row".equals(panel.path("type").asString())) {
                List<String> queries = new ArrayList<>();
                panel.path("targets").forEach(target -> queries.add(target.path("expr").asString()));
                panels.add(new Panel(panel.path("title").asString(), panel.path("type").asString(),
                        panel.path("datasource").path("uid").asString(), queries));
            }
        }
        return panels;
    }

    /** The metric names every query of the dashboard reads, in Prometheus' exposition names. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        panels().forEach(panel -> panel.queries().forEach(query -> names.addAll(metricNames(query))));
        return names;
    }

    /** The metric names in one PromQL expression: identifiers that are no function, keyword, label or number. */
    static Set<String> metricNames(String query) {
        String stripped = FUNCTION.matcher(NOT_METRICS.matcher(query).replaceAll(" ")).replaceAll("(");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group();
            boolean partOfNumber = identifier.start() > 0
                    && Character.isDigit(stripped.charAt(identifier.start() - 1));
            if (!KEYWORDS.contains(name.toLowerCase()) && !partOfNumber) {
                names.add(name);
            }
        }
        return names;
    }

    public record Panel(String title, String type, String datasourceUid, List<String> queries) {
    }
}
