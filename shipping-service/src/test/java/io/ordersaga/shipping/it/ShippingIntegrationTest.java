package io.ordersaga.shipping.it;

import static org.awaitility.Awaitility.await;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.OutboxProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one context configuration of every shipping IT (so Spring caches a single context): the whole service on the
 * JVM's shared embedded Kafka broker and its own database on the shared embedded PostgreSQL. Tests play order- and
 * payment-service through {@link KafkaTestClient}; each uses fresh order ids, so tests never see each other's data.
 * Security is on: MockMvc requests go out with a staff-and-admin token unless a test sends its own
 * ({@link ApiAccess}).
 */
@SpringBootTest(properties = {
        // Hibernate counts its statements (ShippingBatchIT), without logging every session's figures.
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "spring.jpa.properties.hibernate.session.events.log=false"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
@Import(ApiAccess.OperatorByDefault.class)
abstract class ShippingIntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String GROUP = "shipping-service";

    static KafkaTestClient kafka;

    @Autowired JdbcTemplate jdbc;
    @Autowired MockMvc mvc;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static OrderPlaced placed(UUID orderId, String country) {
        return new OrderPlaced(orderId, "alice", List.of(new OrderLine("BOOK-EDA", 2), new OrderLine("MUG-KAFKA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Town", "12345", country));
    }

    static PaymentCompleted paid(UUID orderId) {
        return paid(orderId, UUID.randomUUID());
    }

    static PaymentCompleted paid(UUID orderId, UUID paymentId) {
        return new PaymentCompleted(orderId, "alice", paymentId, new BigDecimal("42.00"), "EUR");
    }

    static OrderCancelled cancelled(UUID orderId) {
        return new OrderCancelled(orderId, "alice", CancellationReason.TIMED_OUT);
    }

    /** An order event shipping ignores; once handled, everything sent before it on the topic and key was consumed. */
    static OrderCompleted orderMarker(UUID orderId) {
        return new OrderCompleted(orderId, "alice", new BigDecimal("42.00"), "EUR");
    }

    /** A payment event shipping ignores, for the same purpose. */
    static PaymentRefunded paymentMarker(UUID orderId) {
        return new PaymentRefunded(orderId, "alice", UUID.randomUUID(), new BigDecimal("42.00"), "EUR");
    }

    /** Waits until shipping's inbox has recorded (and so committed the effect of) every given event. */
    void awaitHandled(EventEnvelope<?>... envelopes) {
        UUID[] eventIds = Arrays.stream(envelopes).map(EventEnvelope::eventId).toArray(UUID[]::new);
        // An event type the listener ignores leaves no inbox row: then the group's committed offset tells.
        await().atMost(TIMEOUT).until(() -> Arrays.stream(envelopes).allMatch(envelope -> jdbc.queryForObject(
                "SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?", Integer.class,
                GROUP, envelope.eventId()) == 1 || kafka.consumedPast(GROUP, envelope)));
    }

    /** Waits until every event shipping published about the orders is on Kafka. */
    void awaitOutboxDrained(UUID... orderIds) {
        OutboxProbe.awaitDrained(jdbc, orderIds);
    }

    static List<EventEnvelope<SagaEvent>> shippingEvents(UUID orderId) {
        return kafka.events(Topics.SHIPPING_EVENTS, orderId);
    }

    static EventEnvelope<SagaEvent> awaitOneShippingEvent(UUID orderId) {
        return await().atMost(TIMEOUT).until(() -> shippingEvents(orderId), events -> !events.isEmpty()).get(0);
    }

    /** The order's shipment row, or an empty list. */
    List<Map<String, Object>> shipmentRows(UUID orderId) {
        return jdbc.queryForList("SELECT * FROM shipment WHERE order_id = ?", orderId);
    }

    String shipmentStatus(UUID orderId) {
        return jdbc.queryForObject("SELECT status FROM shipment WHERE order_id = ?", String.class, orderId);
    }
}
