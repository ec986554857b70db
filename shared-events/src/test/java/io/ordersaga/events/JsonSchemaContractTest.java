package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas in {@code src/main/resources/schemas/} are the published contract of every event and version.
 * The build fails when the code drifts from a published schema incompatibly (a removed or renamed field, a changed
 * type, a new required field): that change needs a new version and an upcaster instead. Regenerate the schemas
 * of the current versions with {@code -Dordersaga.schemas.write=true} after a compatible change.
 */
class JsonSchemaContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Path SOURCE = Path.of("src/main/resources/schemas");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theCodeIsCompatibleWithThePublishedSchema(EventType type) throws IOException {
        Map<String, Object> current = JsonSchemas.of(type);
        String file = type.id() + ".v" + type.version() + ".schema.json";
        if (Boolean.getBoolean("ordersaga.schemas.write")) {
            Files.createDirectories(SOURCE);
            Files.writeString(SOURCE.resolve(file), JSON.writeValueAsString(current) + "\n");
        }
        Map<String, Object> published = schema(file);
        if (published == null) {
            fail("No published schema %s: generate it with -Dordersaga.schemas.write=true", file);
        }
        List<String> problems = JsonSchemas.incompatibilities(type.id(), published, current);
        assertThat(problems)
                .as("%s changed incompatibly; publish a new eventVersion with an upcaster instead", type.id())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenFileMatchesTheSchemaOfItsVersion(EventType type) {
        for (int version = 1; version <= type.version(); version++) {
            String name = version == type.version() ? type.id() : type.id() + ".v" + version;
            JsonNode golden = GoldenEventContractTest.golden(name);
            Map<String, Object> schema = schema(type.id() + ".v" + version + ".schema.json");
            assertThat(schema).as("schema of %s v%d", type.id(), version).isNotNull();
            List<String> errors = new ArrayList<>();
            validate(type.id(), golden.get("data"), schema, errors);
            assertThat(errors).as("%s v%d against its schema", type.id(), version).isEmpty();
        }
    }

    @Test
    void detectsIncompatibleChanges() {
        Map<String, Object> v1 = Map.of("type", "object",
                "properties", Map.of("customerId", Map.of("type", "string"), "total", Map.of("type", "number")),
                "required", List.of("customerId"));
        Map<String, Object> renamed = Map.of("type", "object",
                "properties", Map.of("clientId", Map.of("type", "string"), "total", Map.of("type", "string")),
                "required", List.of("clientId"));
        Map<String, Object> widened = Map.of("type", "object",
                "properties", Map.of("customerId", Map.of("type", "string"), "total", Map.of("type", "number"),
                        "note", Map.of("type", "string")),
                "required", List.of("customerId"));

        assertThat(JsonSchemas.incompatibilities("E", v1, renamed))
                .containsExactlyInAnyOrder("E.customerId: removed or renamed", "E.total: type number/null became string/null",
                        "E.clientId: became required");
        assertThat(JsonSchemas.incompatibilities("E", v1, widened)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(String file) {
        try (InputStream in = JsonSchemaContractTest.class.getResourceAsStream("/schemas/" + file)) {
            return in == null ? null : JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal validator for the subset of JSON Schema the generator emits. */
    @SuppressWarnings("unchecked")
    private static void validate(String path, JsonNode node, Map<String, Object> schema, List<String> errors) {
        String type = (String) schema.get("type");
        boolean ok = switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isString();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            default -> false;
        };
        if (!ok) {
            errors.add(path + " is not " + type);
            return;
        }
        if (schema.get("enum") instanceof List<?> values && !values.contains(node.asString())) {
            errors.add(path + " is not one of " + values);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                validate(path + "[" + i + "]", node.get(i), (Map<String, Object>) schema.get("items"), errors);
            }
        }
        if (node.isObject()) {
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            for (Object required : (List<?>) schema.get("required")) {
                if (!node.has((String) required)) {
                    errors.add(path + "." + required + " is missing");
                }
            }
            for (String name : node.propertyNames()) {
                if (!properties.containsKey(name)) {
                    errors.add(path + "." + name + " is not in the schema");
                } else {
                    validate(path + "." + name, node.get(name), (Map<String, Object>) properties.get(name), errors);
                }
            }
        }
    }
}
