package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/** {@code asyncapi.yaml} documents exactly the topics, versions and payload schemas the code publishes. */
class AsyncApiContractTest {

    private static final Map<String, Object> DOC = load();

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
