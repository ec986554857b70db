package io.ordersaga.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derives a JSON Schema (draft 2020-12) from an event record with victools' jsonschema-generator: every component is
 * a required property unless it is marked {@link OptionalField}; nested records are inlined as objects, lists become
 * arrays, enums string enums, UUIDs and Instants strings with their format (victools' built-in types). Properties
 * keep the record's order, so the committed schemas stay byte-identical. victools is built on Jackson 2
 * ({@code com.fasterxml.jackson.databind}, test scope only); the events carry no Jackson annotations it must read.
 */
final class JsonSchemas {

    private static final SchemaGenerator GENERATOR = generator();
    private static final ObjectMapper JACKSON_2 = new ObjectMapper();

    private JsonSchemas() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(EventType type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://ordersaga.io/schemas/" + type.id() + ".v" + type.version() + ".schema.json");
        schema.put("title", type.id() + " v" + type.version());
        Map<String, Object> generated = JACKSON_2.convertValue(GENERATOR.generateSchema(type.eventClass()), Map.class);
        generated.remove("$schema");
        schema.putAll(generated);
        return schema;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.INLINE_ALL_SCHEMAS, Option.FLATTENED_ENUMS);
        config.forTypesInGeneral()
                .withPropertySorter((first, second) -> 0);
        config.forFields().withRequiredCheck(
                field -> field.getAnnotationConsideringFieldAndGetter(OptionalField.class) == null);
        return new SchemaGenerator(config.build());
    }

    /**
     * The changes from {@code published} to {@code current} that break a reader or a writer of the published
     * version: a removed (or renamed) property, a changed type or format, a property that became required, or a
     * removed enum value. An added optional property is compatible and not listed.
     */
    @SuppressWarnings("unchecked")
    static List<String> incompatibilities(String path, Map<String, Object> published, Map<String, Object> current) {
        List<String> problems = new ArrayList<>();
        if (!Objects.equals(published.get("type"), current.get("type"))
                || !Objects.equals(published.get("format"), current.get("format"))) {
            problems.add(path + ": type " + published.get("type") + "/" + published.get("format") + " became "
                    + current.get("type") + "/" + current.get("format"));
            return problems;
        }
        if (published.get("enum") instanceof List<?> values) {
            List<?> now = (List<?>) current.getOrDefault("enum", List.of());
            values.stream().filter(v -> !now.contains(v)).forEach(v -> problems.add(path + ": enum value " + v + " removed"));
        }
        if (published.get("items") instanceof Map<?, ?> items) {
            problems.addAll(incompatibilities(path + "[]", (Map<String, Object>) items,
                    (Map<String, Object>) current.get("items")));
        }
        if (published.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> now = (Map<String, Object>) current.get("properties");
            List<?> wasRequired = (List<?>) published.getOrDefault("required", List.of());
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                String name = (String) property.getKey();
                if (!now.containsKey(name)) {
                    problems.add(path + "." + name + ": removed or renamed");
                } else {
                    problems.addAll(incompatibilities(path + "." + name, (Map<String, Object>) property.getValue(),
                            (Map<String, Object>) now.get(name)));
                }
            }
            for (Object name : (List<?>) current.getOrDefault("required", List.of())) {
                if (!wasRequired.contains(name)) {
                    problems.add(path + "." + name + ": became required");
                }
            }
        }
        return problems;
    }
}
