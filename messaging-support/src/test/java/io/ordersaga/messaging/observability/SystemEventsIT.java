package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.ServiceStarted;
import io.ordersaga.events.ServiceStopping;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.observability.upstream.UpstreamApplication;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service announces its start and its orderly shutdown on system.events, straight from its Kafka template. */
class SystemEventsIT {

    private static final String SERVICE = "lifecycle-probe";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void publishesServiceStartedWhenReadyAndServiceStoppingWhenClosed() {
        ConfigurableApplicationContext service = Services.start(UpstreamApplication.class, SERVICE, "");
        String instanceId = service.getBean(ServiceLifecycleEvents.class).instanceId();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            JsonNode started = await().atMost(Duration.ofSeconds(30))
                    .until(() -> events(kafka, instanceId), list -> list.size() == 1).get(0);
            assertThat(started.path("eventType").asString()).isEqualTo(ServiceStarted.TYPE);
            assertThat(started.path("source").asString()).isEqualTo(SERVICE);
            assertThat(started.path("data").path("service").asString()).isEqualTo(SERVICE);
            assertThat(started.path("data").path("host").asString()).isNotBlank();
            assertThat(started.path("metadata").path("correlationId").asString()).isEqualTo(instanceId);

            service.close();

            List<JsonNode> lifecycle = events(kafka, instanceId);
            assertThat(lifecycle).hasSize(2);
            JsonNode stopping = lifecycle.get(1);
            assertThat(stopping.path("eventType").asString()).isEqualTo(ServiceStopping.TYPE);
            assertThat(stopping.path("metadata").path("causationId").asString())
                    .isEqualTo(started.path("eventId").asString());
            assertThat(stopping.path("data").path("uptimeSeconds").isNumber()).isTrue();
        } finally {
            service.close();
        }
    }

    /** This instance's system events, in the order they were sent (one key, so one partition). */
    private static List<JsonNode> events(KafkaTestClient kafka, String instanceId) {
        return kafka.records(Topics.SYSTEM_EVENTS).stream()
                .filter(record -> SERVICE.equals(record.key()))
                .map(SystemEventsIT::checkedEnvelope)
                .filter(envelope -> instanceId.equals(envelope.path("data").path("instanceId").asString()))
                .toList();
    }

    private static JsonNode checkedEnvelope(ConsumerRecord<String, String> record) {
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE))
                .isEqualTo(envelope.path("eventType").asString());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.EVENT_ID))
                .isEqualTo(envelope.path("eventId").asString());
        return envelope;
    }
}
