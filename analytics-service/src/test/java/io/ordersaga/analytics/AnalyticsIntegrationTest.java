package io.ordersaga.analytics;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.SharedKafka;
import io.ordersaga.messaging.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The one context configuration of every IT in this module (so Spring caches and reuses it): the whole service on
 * a random port, on the JVM's shared embedded Kafka broker, with a {@link KafkaTestClient} playing the four saga
 * services. Security is on, with the JVM's {@link TestIssuer}: {@link #get} and {@link #status} call as staff and
 * admin; {@code AnalyticsAccessIT} is the access catalogue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class AnalyticsIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);

    protected static KafkaTestClient kafka;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void sharedBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("ordersaga.security.issuer-uri", () -> TestIssuer.shared().issuerUri());
        registry.add("spring.kafka.streams.properties.processing.guarantee",
                () -> SharedBrokerGuarantee.of(SharedKafka.bootstrapServers()));
    }

    @BeforeAll
    static void startClient() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** GET {@code path}; the body as JSON whatever the status, so tests can look at problem details too. */
    protected JsonNode get(String path) {
        return RestClient.create(baseUrl()).get().uri(path).headers(AnalyticsIntegrationTest::asOperator).retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .body(JsonNode.class);
    }

    protected int status(String path) {
        return RestClient.create(baseUrl()).get().uri(path).headers(AnalyticsIntegrationTest::asOperator).retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toBodilessEntity().getStatusCode().value();
    }

    private static void asOperator(HttpHeaders headers) {
        headers.setBearerAuth(TestIssuer.shared().valid(ApiAccess.OPERATOR, "staff", "admin"));
    }

    /** Sends {@code event} in an envelope recorded at {@code at}, as its service would. */
    protected static EventEnvelope<SagaEvent> sendAt(SagaEvent event, Instant at) {
        EventType type = EventType.of(event.getClass());
        EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(), at,
                "test", event, new EventMetadata(event.orderId().toString(), UUID.randomUUID().toString()));
        kafka.send(envelope);
        return envelope;
    }

    protected static String uniqueCustomer(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
