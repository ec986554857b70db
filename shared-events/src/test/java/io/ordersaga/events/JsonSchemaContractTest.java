package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    /** A compatible change (say a new optional field) still needs its schema regenerated and committed. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void thePublishedSchemaOfTheCurrentVersionIsUpToDate(EventType type) {
        JsonNode published = JSON.valueToTree(schema(type.id() + ".v" + type.version() + ".schema.json"));
        JsonNode generated = JSON.valueToTree(JsonSchemas.of(type));
        assertThat(published).as("%s is stale: regenerate it with -Dordersaga.schemas.write=true", type.id())
                .isEqualTo(generated);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenFileMatchesTheSchemaOfItsVersion(EventType type) {
        for (int version = 1; version <= type.version(); version++) {
            String name = version == type.version() ? type.id() : type.id() + ".v" + version;
            JsonNode golden = GoldenEventContractTest.golden(name);
            Map<String, Object> schema = schema(type.id() + ".v" + version + ".schema.json");
            assertThat(schema).as("schema of %s v%d", type.id(), version).isNotNull();
            assertThat(violations(golden.get("data"), schema)).as("%s v%d against its schema", type.id(), version).isEmpty();
        }
    }

    /** The check above can fail: a payload with a wrong type, a missing and an unknown field breaks its schema. */
    @Test
    void aBrokenPayloadDoesNotMatchItsSchema() {
        ObjectNode data = (ObjectNode) GoldenEventContractTest.golden(EventType.ORDER_PLACED.id()).get("data").deepCopy();
        data.remove("customer");
        data.put("orderId", 42);
        data.put("coupon", "FREE");
        Map<String, Object> schema = schema(EventType.ORDER_PLACED.id() + ".v" + EventType.ORDER_PLACED.version()
                + ".schema.json");

        assertThat(violations(data, schema)).hasSize(3);
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

    /**
     * What {@code data} breaks of {@code schema}, by networknt's validator (draft 2020-12). The published schemas let
     * a consumer meet fields added later; a golden file, though, must carry no field its schema lacks, so objects
     * are closed ({@code additionalProperties: false}) for this check.
     */
    static List<String> violations(JsonNode data, Map<String, Object> schema) {
        JsonNode closed = closed(JSON.valueToTree(schema));
        return VALIDATORS.getSchema(closed.toString(), InputFormat.JSON).validate(data).stream()
                .map(Error::toString).toList();
    }

    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if ("object".equals(object.path("type").asString(""))) {
                object.put("additionalProperties", false);
            }
            object.values().forEach(JsonSchemaContractTest::closed);
        } else if (schema.isArray()) {
            schema.values().forEach(JsonSchemaContractTest::closed);
        }
        return schema;
    }
}
