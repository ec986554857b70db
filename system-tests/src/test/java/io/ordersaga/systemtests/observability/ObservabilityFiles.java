package io.ordersaga.systemtests.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The files of docker/observability and the services' configuration, read from the repository checkout. */
final class ObservabilityFiles {

    static final String DIRECTORY = "docker/observability/";

    private ObservabilityFiles() {
    }

    static String text(String path) {
        try {
            return Files.readString(file(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String path) {
        return new Yaml().load(text(path));
    }

    static JsonNode json(String path) {
        return JsonMapper.builder().build().readTree(text(path));
    }

    static boolean exists(String path) {
        return Files.exists(file(path));
    }

    static Path file(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("docker-compose.yml"))) {
                return dir.resolve(path);
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }
}
