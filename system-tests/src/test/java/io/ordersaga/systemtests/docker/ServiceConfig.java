package io.ordersaga.systemtests.docker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service's own {@code <service>.yml} (its {@code src/main/resources}, the file its jar carries) says: the
 * code side of a drift check. Read as a file, so system-tests needs no dependency on a service it never runs.
 */
record ServiceConfig(String applicationName, int serverPort, String datasourceUrl, String datasourceUsername,
                     List<String> consumedTopics) {

    static ServiceConfig of(String service) {
        Map<String, Object> yaml = new Yaml().load(Repository.read(service + "/src/main/resources/" + service + ".yml"));
        return new ServiceConfig(
                text(yaml, "spring", "application", "name"),
                Integer.parseInt(text(yaml, "server", "port")),
                text(yaml, "spring", "datasource", "url"),
                text(yaml, "spring", "datasource", "username"),
                list(value(yaml, "ordersaga", "messaging", "consumed-topics")));
    }

    /** The database name at the end of the JDBC URL. */
    String database() {
        return datasourceUrl.substring(datasourceUrl.lastIndexOf('/') + 1);
    }

    private static String text(Map<String, Object> yaml, String... path) {
        return String.valueOf(value(yaml, path));
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> yaml, String... path) {
        Object node = yaml;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    /** A YAML list, or Spring's comma-separated form of one. */
    private static List<String> list(Object value) {
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(String.valueOf(value).split(",")).map(String::trim).toList();
    }
}
