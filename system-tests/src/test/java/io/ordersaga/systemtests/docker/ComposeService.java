package io.ordersaga.systemtests.docker;

import static io.ordersaga.systemtests.docker.ComposeFile.list;
import static io.ordersaga.systemtests.docker.ComposeFile.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** One service of a {@link ComposeFile}; values are interpolated unless the method says "raw". */
record ComposeService(String name, Map<String, Object> definition, ComposeFile file) {

    String image() {
        return file.interpolate(definition.get("image"));
    }

    boolean isBuilt() {
        return definition.containsKey("build");
    }

    String buildArgument(String argument) {
        return file.interpolate(map(map(definition.get("build")).get("args")).get(argument));
    }

    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        rawEnvironment().forEach((key, value) -> environment.put(key, file.interpolate(value)));
        return environment;
    }

    /** The environment as written, {@code ${VARIABLE}} references included. */
    Map<String, String> rawEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        map(definition.get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    /** The services this one waits for, each with its condition. */
    Map<String, String> dependsOn() {
        Map<String, String> conditions = new LinkedHashMap<>();
        map(definition.get("depends_on")).forEach((service, spec) ->
                conditions.put(service, String.valueOf(map(spec).get("condition"))));
        return conditions;
    }

    /** The healthcheck command as the container runs it. */
    List<String> healthcheck() {
        return list(map(definition.get("healthcheck")).get("test")).stream().map(file::interpolate).toList();
    }

    String restart() {
        return String.valueOf(definition.get("restart"));
    }

    List<String> command() {
        return list(definition.get("command")).stream().map(file::interpolate).toList();
    }

    List<String> ports() {
        return list(definition.get("ports")).stream().map(file::interpolate).toList();
    }

    List<String> volumes() {
        return list(definition.get("volumes")).stream().map(file::interpolate).toList();
    }

    List<String> profiles() {
        return list(definition.get("profiles"));
    }

    int replicas() {
        Object replicas = map(definition.get("deploy")).get("replicas");
        return replicas == null ? 1 : Integer.parseInt(String.valueOf(replicas));
    }

    /** {@code mem_limit} in bytes, if set. */
    OptionalLong memoryLimit() {
        Object limit = definition.get("mem_limit");
        if (limit == null) {
            return OptionalLong.empty();
        }
        String text = String.valueOf(limit).trim().toLowerCase(Locale.ROOT);
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1L ? text : text.substring(0, text.length() - 1);
        return OptionalLong.of(Long.parseLong(digits) * unit);
    }

    /** A one-shot job (restart "no") rather than a container that runs for as long as the stack does. */
    boolean isJob() {
        return "no".equals(restart()) || "false".equals(restart()); // YAML 1.1 reads a bare no as false
    }
}
