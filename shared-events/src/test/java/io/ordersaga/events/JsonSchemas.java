package io.ordersaga.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Derives a JSON Schema (draft 2020-12) from an event record: every component is a required property unless it
 * is marked {@link OptionalField}; nested records become nested objects, lists arrays, enums string enums.
 */
final class JsonSchemas {

    private JsonSchemas() {
    }

    static Map<String, Object> of(EventType type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://ordersaga.io/schemas/" + type.id() + ".v" + type.version() + ".schema.json");
        schema.put("title", type.id() + " v" + type.version());
        schema.putAll(forType(type.eventClass()));
        return schema;
    }

    private static Map<String, Object> forType(Type type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            schema.put("type", "array");
            schema.put("items", forType(list.getActualTypeArguments()[0]));
            return schema;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == UUID.class) {
            schema.put("type", "string");
            schema.put("format", "uuid");
        } else if (raw == Instant.class) {
            schema.put("type", "string");
            schema.put("format", "date-time");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            schema.put("type", "integer");
        } else if (raw == BigDecimal.class) {
            schema.put("type", "number");
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        } else if (raw.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.put(component.getName(), forType(component.getGenericType()));
                if (!component.isAnnotationPresent(OptionalField.class)) {
                    required.add(component.getName());
                }
            }
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", required);
        } else {
            throw new IllegalArgumentException("No JSON Schema mapping for " + raw.getName());
        }
        return schema;
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
