package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code asyncapi.yaml} documents exactly the topics, versions and payload schemas the code publishes. */
class AsyncApiContractTest {

    private static final Map<String, Object> DOC = load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void documentsEveryEventOnItsTopicAtItsCurrentVersion(EventType type) {
        Map<String, Object> channel = channelOf(type.topic());
        assertThat(map(channel.get("messages"))).as("messages of %s", type.topic()).containsKey(type.id());

        Map<String, Object> message = map(map(map(DOC.get("components")).get("messages")).get(type.id()));
        assertThat(message.get("x-event-version")).isEqualTo(type.version());
        String schema = "schemas/" + type.id() + ".v" + type.version() + ".schema.json";
        assertThat(map(message.get("payload")).get("$ref")).isEqualTo(schema);
        assertThat(getClass().getResource("/" + schema)).as(schema).isNotNull();
        assertThat(message.get("x-producer")).isEqualTo(type.topic().replace(".events", "") + "-service");
    }

    @Test
    void documentsNoEventTheCodeDoesNotPublish() {
        for (String topic : Topics.SAGA_TOPICS) {
            Map<String, Object> messages = map(channelOf(topic).get("messages"));
            assertThat(messages.keySet()).containsExactlyInAnyOrderElementsOf(
                    java.util.Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic))
                            .map(EventType::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void documentsTheKeyAndHeadersOfEveryRecord() {
        Map<String, Object> envelope = map(map(map(DOC.get("components")).get("messageTraits")).get("envelope"));
        assertThat(map(map(envelope.get("headers")).get("properties"))).containsKeys("eventType", "eventId", "eventVersion");
        assertThat(map(map(map(envelope.get("bindings")).get("kafka")).get("key")).get("description")).isEqualTo("the orderId");
    }

    /** The document is valid AsyncAPI 3.0.0: checked against the official schema (test resources, see README). */
    @Test
    void isValidAgainstTheAsyncApiSchema() {
        assertThat(asyncApiErrors(JSON.valueToTree(DOC))).isEmpty();
    }

    /** The check above can fail: a document with a misspelt keyword does not pass. */
    @Test
    void theAsyncApiSchemaRejectsABrokenDocument() {
        Map<String, Object> broken = new java.util.LinkedHashMap<>(DOC);
        broken.put("chanels", broken.remove("channels"));
        assertThat(asyncApiErrors(JSON.valueToTree(broken))).isNotEmpty();
    }

    private static List<String> asyncApiErrors(JsonNode document) {
        try (InputStream in = AsyncApiContractTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            return schema.validate(document).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> channelOf(String topic) {
        return map(DOC.get("channels")).values().stream().map(AsyncApiContractTest::map)
                .filter(channel -> topic.equals(channel.get("address")))
                .findFirst().orElseThrow(() -> new AssertionError("no channel for " + topic));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> load() {
        try (InputStream in = AsyncApiContractTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
