package io.ordersaga.payment.it;

import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.OutboxProbe;
import io.ordersaga.payment.application.PaymentService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one context configuration of every IT in this module, so the context is built once: the service on the
 * JVM's shared embedded Kafka broker and PostgreSQL, with demo data and a fast retry back-off.
 * {@link KafkaTestClient} plays the other services. Security is on: MockMvc requests go out with a staff-and-admin
 * token unless a test sends its own ({@link ApiAccess}).
 */
@SpringBootTest(properties = {
        "ordersaga.demo-data=true",
        "ordersaga.messaging.retry.initial-interval=20ms",
        "ordersaga.messaging.retry.max-interval=100ms",
        "ordersaga.messaging.retry.max-retries=3",
        // Small, so every IT that writes a ledger also exercises snapshots.
        "ordersaga.payment.snapshot-every=5"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
@Import(ApiAccess.OperatorByDefault.class)
abstract class PaymentIntegrationTest {

    static final String CONSUMER = "payment-service";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static KafkaTestClient kafka;

    @Autowired PaymentService payments;
    @Autowired Inbox inbox;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** A fresh customer with an account holding {@code balance}. */
    String customerWith(String balance) {
        String customerId = "it-" + UUID.randomUUID();
        payments.openAccount(customerId, new BigDecimal(balance));
        return customerId;
    }

    static InventoryReserved reserved(UUID orderId, String customerId, String total) {
        return new InventoryReserved(orderId, customerId, List.of(new PricedLine("BOOK-EDA", 1, new BigDecimal(total))),
                new BigDecimal(total), "EUR");
    }

    /** The integration events payment-service has published about an order, awaiting at least {@code count}. */
    static List<SagaEvent> awaitPublished(UUID orderId, int count) {
        return await().atMost(TIMEOUT).until(() -> published(orderId), events -> events.size() >= count);
    }

    static List<SagaEvent> published(UUID orderId) {
        return kafka.events(Topics.PAYMENT_EVENTS, orderId).stream().map(EventEnvelope::data).toList();
    }

    /**
     * Everything published about the order once the outbox has sent all of it: call it after the handling is
     * known to be done, to count events exactly (an unsent one would otherwise look like a missing one).
     */
    List<SagaEvent> settled(UUID orderId) {
        awaitSent(orderId);
        return published(orderId);
    }

    /** Waits until the outbox holds no unsent event of the order (sent means the broker acknowledged it). */
    void awaitSent(UUID orderId) {
        OutboxProbe.awaitDrained(jdbc, orderId);
    }

    /**
     * Sends an event payment-service ignores on the given topic with the order's key, so it lands on the same
     * partition after everything sent before, and waits until it is handled: by then all earlier records of the
     * order on that topic were processed.
     */
    void awaitEarlierRecordsHandled(String topic, UUID orderId) {
        SagaEvent barrier = switch (topic) {
            case Topics.INVENTORY_EVENTS -> new InventoryReleased(orderId, List.of(new OrderLine("BOOK-EDA", 1)));
            case Topics.ORDER_EVENTS -> new io.ordersaga.events.OrderCompleted(orderId, "nobody", BigDecimal.ONE, "EUR");
            case Topics.SHIPPING_EVENTS -> new io.ordersaga.events.ShipmentScheduled(orderId, UUID.randomUUID(), "T-1", "DE");
            default -> throw new IllegalArgumentException(topic);
        };
        awaitHandled(kafka.send(barrier));
    }

    void awaitHandled(EventEnvelope<SagaEvent> envelope) {
        // An event type the listener ignores leaves no inbox row: then the group's committed offset tells.
        await().atMost(TIMEOUT).until(() -> inbox.hasHandled(CONSUMER, envelope.eventId())
                || kafka.consumedPast(CONSUMER, envelope));
    }

    int ledgerRows(UUID orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM account_event WHERE order_id = ?", Integer.class, orderId);
    }
}
