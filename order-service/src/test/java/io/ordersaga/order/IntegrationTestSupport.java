package io.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.ApiAccess;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.OutboxProbe;
import io.ordersaga.order.application.OrderService;
import io.ordersaga.order.application.PlaceOrderCommand;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderLine;
import io.ordersaga.order.domain.OrderRepository;
import io.ordersaga.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * The one context configuration of every IT in this module (so Spring caches and reuses it): the whole service on
 * the JVM's shared embedded Kafka broker and PostgreSQL, with a {@link KafkaTestClient} playing the other services.
 * Security is on: MockMvc requests go out with a staff-and-admin token unless a test sends its own
 * ({@link ApiAccess}); {@code OrderAccessIT} is the access catalogue.
 */
@SpringBootTest(properties = {
        // The deadline sweeper runs, but no IT's order comes near this deadline unless a test backdates it.
        "ordersaga.saga.timeout=10m",
        "ordersaga.saga.sweep-interval=200ms",
        // Hibernate counts its statements (OrderBatchIT), without logging every session's figures.
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "spring.jpa.properties.hibernate.session.events.log=false"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
@Import({TransactionsOnThread.class, ApiAccess.OperatorByDefault.class})
public abstract class IntegrationTestSupport {

    protected static final String CONSUMER = "order-service";
    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final BigDecimal TOTAL = new BigDecimal("25.50");

    protected static KafkaTestClient kafka;

    @Autowired protected OrderService orders;
    @Autowired protected OrderRepository repository;
    @Autowired protected JdbcTemplate jdbc;

    @BeforeAll
    static void startClient() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    protected Order placeOrder() {
        return placeOrder("customer-" + UUID.randomUUID());
    }

    protected Order placeOrder(String customerId) {
        return orders.placeOrder(new PlaceOrderCommand(customerId,
                List.of(OrderLine.of("BOOK-EDA", 2), OrderLine.of("MUG", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE")));
    }

    protected static InventoryReserved inventoryReserved(Order order) {
        return new InventoryReserved(order.orderId(), order.customerId(), List.of(
                new PricedLine("BOOK-EDA", 2, new BigDecimal("10.00")),
                new PricedLine("MUG", 1, new BigDecimal("5.50"))), TOTAL, "EUR");
    }

    protected static PaymentCompleted paymentCompleted(Order order) {
        return new PaymentCompleted(order.orderId(), order.customerId(), UUID.randomUUID(), TOTAL, "EUR");
    }

    protected static ShipmentScheduled shipmentScheduled(Order order) {
        return new ShipmentScheduled(order.orderId(), UUID.randomUUID(), "TRK-" + order.orderId(), "DE");
    }

    protected Order awaitStatus(UUID orderId, OrderStatus status) {
        return await().atMost(WAIT).until(() -> repository.findById(orderId).orElseThrow(),
                order -> order.status() == status);
    }

    /**
     * Waits until this service processed the event: its inbox recorded it (its transaction committed), or, for an
     * event type the listener ignores (no inbox row), the consumer group committed past it.
     */
    protected void awaitHandled(EventEnvelope<?> envelope) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?", Integer.class,
                CONSUMER, envelope.eventId()) == 1 || kafka.consumedPast(CONSUMER, envelope));
    }

    /** How many events of {@code type} the service wrote for the order; deterministic once its inputs are handled. */
    protected int published(UUID orderId, Class<? extends SagaEvent> type) {
        return (int) OutboxProbe.written(jdbc, kafka, Topics.ORDER_EVENTS, orderId).stream()
                .filter(envelope -> type.isInstance(envelope.data())).count();
    }

    /** The events of {@code type} about the order on order.events, once the relay has sent everything written. */
    @SuppressWarnings("unchecked")
    protected <T extends SagaEvent> List<EventEnvelope<T>> sent(UUID orderId, Class<T> type) {
        OutboxProbe.awaitDrained(jdbc, orderId);
        List<EventEnvelope<T>> events = kafka.events(Topics.ORDER_EVENTS, orderId).stream()
                .filter(envelope -> type.isInstance(envelope.data()))
                .map(envelope -> (EventEnvelope<T>) (EventEnvelope<?>) envelope)
                .toList();
        assertThat(events).as("%s events on %s, each written once and sent once", type.getSimpleName(),
                Topics.ORDER_EVENTS).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        return events;
    }

    /** Makes the order look placed {@code age} ago, as if the clock had moved on. */
    protected void backdate(UUID orderId, Duration age) {
        jdbc.update("UPDATE orders SET created_at = created_at - make_interval(secs => ?) WHERE order_id = ?",
                age.toSeconds(), orderId);
    }

    /** An envelope as another service would publish it, continuing a saga: caused by {@code cause}. */
    protected static EventEnvelope<SagaEvent> caused(SagaEvent event, EventEnvelope<?> cause, String source,
                                                     Instant timestamp) {
        EventType type = EventType.of(event.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(), timestamp, source, event,
                new EventMetadata(cause.metadata().correlationId(), cause.eventId().toString()));
    }

    protected static List<ConsumerRecord<String, String>> deadLetters(String topic, UUID orderId) {
        return kafka.records(Topics.deadLetter(topic, CONSUMER)).stream()
                .filter(record -> orderId.toString().equals(record.key()))
                .toList();
    }
}
