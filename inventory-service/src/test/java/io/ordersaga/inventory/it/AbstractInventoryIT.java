package io.ordersaga.inventory.it;

import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ProductService;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ProductRepository;
import io.ordersaga.inventory.domain.Reservation;
import io.ordersaga.inventory.domain.ReservationRepository;
import io.ordersaga.inventory.domain.ReservationStatus;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.OutboxProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one Spring context of every IT in this module (so it is cached): the whole service on the shared embedded
 * broker and its own database on the shared PostgreSQL, with demo data on. {@link KafkaTestClient} plays the
 * other services. Tests isolate themselves by fresh order ids and SKUs, never by cleaning up. Security is on: MockMvc
 * requests go out with a staff-and-admin token unless a test sends its own ({@link ApiAccess}).
 */
@SpringBootTest(properties = "ordersaga.demo-data=true")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
@Import(ApiAccess.OperatorByDefault.class)
abstract class AbstractInventoryIT {

    static final String GROUP = "inventory-service";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static KafkaTestClient kafka;

    @Autowired ProductService productService;
    @Autowired ProductRepository products;
    @Autowired ReservationRepository reservations;
    @Autowired JdbcTemplate jdbc;
    @Autowired MockMvc mvc;

    @BeforeAll
    static void openKafka() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    String newProduct(String prefix, String unitPrice, long stock) {
        String sku = newSku(prefix);
        productService.create(sku, prefix + " for a test", new BigDecimal(unitPrice), stock);
        return sku;
    }

    static OrderPlaced placed(UUID orderId, OrderLine... lines) {
        return new OrderPlaced(orderId, "customer-" + orderId.toString().substring(0, 8), Arrays.asList(lines),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }

    /** Places a one-line order and waits until it is reserved. */
    UUID reservedOrder(String sku, int quantity) {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, new OrderLine(sku, quantity)));
        awaitStatus(orderId, ReservationStatus.RESERVED);
        return orderId;
    }

    Product product(String sku) {
        return products.findById(sku).orElseThrow();
    }

    Reservation awaitStatus(UUID orderId, ReservationStatus status) {
        return await().atMost(TIMEOUT).until(() -> reservations.findById(orderId).orElse(null),
                reservation -> reservation != null && reservation.status() == status);
    }

    /** Whether this service's inbox has recorded the event, i.e. its handler ran and committed. */
    boolean handled(EventEnvelope<?> envelope) {
        return jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?",
                Integer.class, GROUP, envelope.eventId()) == 1;
    }

    /** Handled, or (for an event type the listener ignores, which leaves no inbox row) consumed past. */
    void awaitHandled(EventEnvelope<?> envelope) {
        await().atMost(TIMEOUT).until(() -> handled(envelope) || kafka.consumedPast(GROUP, envelope));
    }

    /**
     * Sends {@code marker} (an event inventory leaves alone in the state the test is in) on the order's key and
     * waits until it is handled: by then every record sent before it on that topic partition has been processed.
     */
    void sendMarkerAndAwait(SagaEvent marker) {
        awaitHandled(kafka.send(marker));
    }

    void awaitOrderEventsProcessed(UUID orderId) {
        sendMarkerAndAwait(new OrderCompleted(orderId, "marker", BigDecimal.ONE, "EUR"));
    }

    /** Types of the events this service committed to its outbox for the order, in order: final once handled. */
    List<String> outboxEventTypes(UUID orderId) {
        return OutboxProbe.written(jdbc, kafka, Topics.INVENTORY_EVENTS, orderId).stream()
                .map(EventEnvelope::eventType).toList();
    }

    /** The events on inventory.events for the order, once at least {@code count} have arrived. */
    List<EventEnvelope<SagaEvent>> awaitPublished(UUID orderId, int count) {
        return await().atMost(TIMEOUT).until(() -> kafka.events(Topics.INVENTORY_EVENTS, orderId),
                events -> events.size() >= count);
    }

    static List<ConsumerRecord<String, String>> deadLetters(String topic, UUID orderId) {
        return kafka.records(Topics.deadLetter(topic, GROUP)).stream()
                .filter(record -> orderId.toString().equals(record.key())).toList();
    }
}
