package io.ordersaga.systemtests.docker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A compose file as {@code docker compose} reads it in this repository: YAML anchors and merge keys resolved, and
 * {@code ${VARIABLE}} references interpolated from the committed {@code .env} (never from this JVM's environment,
 * so the checks do not depend on the machine).
 */
final class ComposeFile {

    /** {@code $$}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?error}}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final String name;
    private final Map<String, Object> yaml;
    private final Map<String, String> dotEnv;

    private ComposeFile(String name, Map<String, Object> yaml, Map<String, String> dotEnv) {
        this.name = name;
        this.yaml = yaml;
        this.dotEnv = dotEnv;
    }

    static ComposeFile load(String fileName) {
        return new ComposeFile(fileName, new Yaml().load(Repository.read(fileName)), dotEnv());
    }

    Set<String> serviceNames() {
        return map(yaml.get("services")).keySet();
    }

    ComposeService service(String service) {
        Object definition = map(yaml.get("services")).get(service);
        if (definition == null) {
            throw new AssertionError(name + " has no service " + service);
        }
        return new ComposeService(service, map(definition), this);
    }

    Set<String> volumeNames() {
        return yaml.get("volumes") == null ? Set.of() : map(yaml.get("volumes")).keySet();
    }

    /** {@code value} with every variable replaced as compose would; {@code $$} becomes the container's {@code $}. */
    String interpolate(Object value) {
        Matcher matcher = VARIABLE.matcher(String.valueOf(value));
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(matcher)));
        }
        return matcher.appendTail(result).toString();
    }

    private String resolve(Matcher reference) {
        if (reference.group().equals("$$")) {
            return "$";
        }
        String variable = reference.group(1);
        String operator = reference.group(2);
        String argument = reference.group(3);
        String value = dotEnv.get(variable);
        boolean missing = operator != null && operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
        if (!missing || operator == null) {
            return value == null ? "" : value;
        }
        if (operator.endsWith("?")) {
            throw new AssertionError(name + " needs " + variable + " (" + argument + "), which .env does not set");
        }
        return argument;
    }

    private static Map<String, String> dotEnv() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repository.read(".env").split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                variables.put(trimmed.substring(0, trimmed.indexOf('=')).trim(),
                        trimmed.substring(trimmed.indexOf('=') + 1).trim());
            }
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    static List<String> list(Object node) {
        return node == null ? List.of() : ((List<?>) node).stream().map(String::valueOf).toList();
    }
}
