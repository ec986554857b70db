package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * What the saga-edge system tests share: the running suite, fresh names per test, the orders, products and accounts
 * a test made (for the invariant checker every test ends with), and the means to stop, start and hold back
 * services. Whatever a test stopped or paused is running again after it, so the next test finds the whole suite.
 */
abstract class SagaEdgeSupport {

    static final Duration SETTLE = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(60);

    static SagaClient saga;
    static InvariantChecker invariants;
    static KafkaTestClient kafka;

    String run;
    final List<UUID> orders = new ArrayList<>();
    final List<String> skus = new ArrayList<>();
    final List<String> customers = new ArrayList<>();

    @BeforeAll
    static void startSuite() {
        saga = RunningSuite.client();
        invariants = new InvariantChecker(saga);
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @BeforeEach
    void freshNames() {
        run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @AfterEach
    void everyServiceRunsAndListensAgain() {
        for (Service service : Service.values()) {
            if (!RunningSuite.isRunning(service)) {
                RunningSuite.start(service);
            }
            for (MessageListenerContainer container : RunningSuite.listeners(service).getListenerContainers()) {
                if (container.isPauseRequested()) {
                    container.resume();
                }
                Collection<TopicPartition> assigned = container.getAssignedPartitions();
                if (assigned != null) {
                    assigned.stream().filter(container::isPartitionPauseRequested)
                            .forEach(container::resumePartition);
                }
            }
        }
    }

    void invariantsHold() throws InterruptedException {
        invariants.assertHold(orders, skus, customers, SETTLE);
    }

    JsonNode awaitEnd(UUID orderId) throws InterruptedException {
        return invariants.awaitTerminal(List.of(orderId), SETTLE).get(0);
    }

    JsonNode awaitStatus(UUID orderId, String status) {
        return await("order " + orderId + " " + status).atMost(WAIT).until(() -> saga.order(orderId),
                order -> order.path("status").asString().equals(status));
    }

    /** Waits until the order's timeline holds at least these event types. */
    JsonNode awaitTimeline(UUID orderId, String... types) {
        return await("timeline of " + orderId + " with " + List.of(types)).atMost(WAIT)
                .until(() -> saga.timeline(orderId), timeline -> Timelines.types(timeline).containsAll(List.of(types)));
    }

    JsonNode awaitReservation(UUID orderId, String status) {
        return await("reservation of " + orderId + " " + status).atMost(WAIT)
                .until(() -> saga.reservation(orderId), found -> found.isPresent()
                        && found.get().path("status").asString().equals(status))
                .orElseThrow();
    }

    /** Waits until the service's main consumer group has handled everything on the topics it consumes. */
    static void awaitCaughtUp(Service service) {
        awaitCaughtUp(RunningSuite.name(service));
    }

    static void awaitCaughtUp(String group) {
        ConsumerGroups.awaitCaughtUp(bootstrapServers(), group, WAIT, kafka);
    }

    static JsonNode cancelled(UUID orderId) {
        SagaClient.Response response = saga.cancelOrder(orderId);
        assertThat(response.status()).as("POST /orders/%s/cancel: %s", orderId, response.body()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).isEqualTo("CANCELLED");
        return response.body();
    }

    static List<String> waitingOn(UUID orderId) {
        List<String> waiting = new ArrayList<>();
        saga.order(orderId).path("waitingOn").forEach(w -> waiting.add(w.path("service").asString() + " "
                + w.path("event").asString()));
        return waiting;
    }

    UUID place(String customer, List<Line> lines, String country) {
        UUID orderId = UUID.fromString(saga.placeOrder(customer, lines, country).path("orderId").asString());
        orders.add(orderId);
        return orderId;
    }

    String product(String name, String price, int stock) {
        String sku = name + "-" + run;
        saga.createProduct(sku, name, new BigDecimal(price), stock);
        skus.add(sku);
        return sku;
    }

    String account(String name, String balance) {
        String customer = name + "-" + run.toLowerCase();
        saga.createAccount(customer, new BigDecimal(balance));
        customers.add(customer);
        return customer;
    }

    /** Runs SQL in a service's own database, as a test hook that needs no code in the service. */
    static void sql(Service service, String statement) {
        Map<String, Object> database = infrastructure(service);
        try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"));
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on " + service + ": " + statement, e);
        }
    }

    static Optional<MessageListenerContainer> container(Service service, String group, String topic) {
        return RunningSuite.listeners(service).getListenerContainers().stream()
                .filter(container -> group.equals(container.getGroupId()))
                .filter(container -> container.getContainerProperties().getTopics() != null
                        && List.of(container.getContainerProperties().getTopics()).contains(topic))
                .findFirst();
    }

    private static String bootstrapServers() {
        return (String) infrastructure(Service.ORDER).get("spring.kafka.bootstrap-servers");
    }

    /** The broker and the service's database, as the suite started the service with them. */
    private static Map<String, Object> infrastructure(Service service) {
        return EmbeddedInfrastructure.properties(RunningSuite.name(service).replace('-', '_'));
    }
}
