package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The saga of DESIGN section 4 end to end: the happy path, each failure path, contention and duplicates. */
class SagaScenariosIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static SagaClient saga;
    private static InvariantChecker invariants;
    private static KafkaTestClient kafka;

    private String run;
    private final List<UUID> orders = new ArrayList<>();
    private final List<String> skus = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();

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

    @Test
    void happyPathCompletesWithOneChargeOneShipmentAndShippedStock() throws Exception {
        String sku = product("BOOK", "39.90", 10);
        String alice = account("alice", "1000.00");

        UUID orderId = place(alice, List.of(new Line(sku, 2)), "DE");

        JsonNode order = awaitEnd(orderId);
        assertThat(order.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(order.path("totalAmount").decimalValue()).isEqualByComparingTo("79.80");
        // COMPLETED (order-service) and SHIPPED stock (inventory-service) follow the same ShipmentScheduled in two
        // services, in either order.
        awaitShipped(sku, 2);
        assertThat(saga.account(alice).path("balance").decimalValue()).isEqualByComparingTo("920.20");
        assertThat(saga.shipments(orderId)).singleElement()
                .satisfies(s -> assertThat(s.path("status").asString()).isEqualTo("SCHEDULED"));
        invariantsHold();
    }

    @Test
    void everyEventOfAnOrderCarriesOneCorrelationIdAndACausationChain() throws Exception {
        String sku = product("MUG", "12.50", 5);
        String alice = account("alice", "100.00");
        UUID orderId = place(alice, List.of(new Line(sku, 1)), "FR");
        awaitEnd(orderId);

        List<EventEnvelope<SagaEvent>> events = new ArrayList<>();
        for (String topic : Topics.SAGA_TOPICS) {
            events.addAll(kafka.events(topic, orderId));
        }
        assertThat(events).extracting(EventEnvelope::eventType).contains("OrderPlaced", "InventoryReserved",
                "PaymentCompleted", "ShipmentScheduled", "OrderCompleted");
        assertThat(events).extracting(e -> e.metadata().correlationId()).containsOnly(events.get(0).metadata().correlationId());
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId().toString()));
        assertThat(events).filteredOn(e -> !e.eventType().equals("OrderPlaced"))
                .allSatisfy(e -> assertThat(ids).contains(e.metadata().causationId()));
    }

    @Test
    void outOfStockCancelsTheOrderWithoutACharge() throws Exception {
        String sku = product("POSTER", "25.00", 1);
        String alice = account("alice", "1000.00");

        UUID orderId = place(alice, List.of(new Line(sku, 2)), "DE");

        JsonNode order = awaitEnd(orderId);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(saga.payments(orderId)).isEmpty();
        assertThat(saga.product(sku).path("available").asInt()).isEqualTo(1);
        assertThat(saga.account(alice).path("balance").decimalValue()).isEqualByComparingTo("1000.00");
        invariantsHold();
    }

    @Test
    void unknownProductCancelsTheOrder() throws Exception {
        String alice = account("alice", "1000.00");
        UUID orderId = place(alice, List.of(new Line("NO-SUCH-" + run, 1)), "DE");

        JsonNode order = awaitEnd(orderId);
        assertThat(order.path("cancellationReason").asString()).isEqualTo("UNKNOWN_PRODUCT");
        invariantsHold();
    }

    @Test
    void paymentDeclinedCancelsTheOrderAndReleasesTheStock() throws Exception {
        String sku = product("SHIRT", "19.90", 10);
        String bob = account("bob", "20.00");

        UUID orderId = place(bob, List.of(new Line(sku, 3)), "DE");

        JsonNode order = awaitEnd(orderId);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        invariantsHold();
        JsonNode product = saga.product(sku);
        assertThat(product.path("available").asInt()).isEqualTo(10);
        assertThat(product.path("reserved").asInt()).isZero();
        assertThat(saga.account(bob).path("balance").decimalValue()).isEqualByComparingTo("20.00");
    }

    @Test
    void unservedDestinationCancelsRefundsAndReleases() throws Exception {
        String sku = product("STICKER", "4.99", 10);
        String carol = account("carol", "100.00");

        UUID orderId = place(carol, List.of(new Line(sku, 2)), "AQ");

        JsonNode order = awaitEnd(orderId);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asString()).isEqualTo("SHIPPING_FAILED");
        invariantsHold();
        assertThat(saga.payments(orderId)).extracting(p -> p.path("type").asString())
                .containsExactlyInAnyOrder("CHARGE", "REFUND");
        assertThat(saga.account(carol).path("balance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(saga.product(sku).path("available").asInt()).isEqualTo(10);
        assertThat(saga.shipments(orderId)).noneMatch(s -> s.path("status").asString().equals("SCHEDULED"));
    }

    @Test
    void hundredConcurrentOrdersForThirtyUnitsNeverOversell() throws Exception {
        String sku = product("HOT", "10.00", 30);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buyers.add(account("buyer" + i, "1000.00"));
        }

        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<UUID>> placed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String buyer = buyers.get(i % buyers.size());
                placed.add(clients.submit(() -> placeId(buyer, List.of(new Line(sku, 1)), "DE")));
            }
            for (Future<UUID> future : placed) {
                orders.add(future.get());
            }
        } finally {
            clients.shutdown();
        }

        List<JsonNode> ended = invariants.awaitTerminal(orders, SETTLE);
        long completed = ended.stream().filter(o -> o.path("status").asString().equals("COMPLETED")).count();
        assertThat(ended).allMatch(o -> Set.of("COMPLETED", "CANCELLED").contains(o.path("status").asString()));
        assertThat(completed).isEqualTo(30);
        assertThat(ended).filteredOn(o -> o.path("status").asString().equals("CANCELLED"))
                .allMatch(o -> o.path("cancellationReason").asString().equals("OUT_OF_STOCK"));
        awaitShipped(sku, 30);
        invariantsHold();
    }

    @Test
    void redeliveringEveryEventOfFinishedOrdersChangesNothing() throws Exception {
        String sku = product("DUP", "15.00", 10);
        String alice = account("alice", "100.00");
        UUID completed = place(alice, List.of(new Line(sku, 1)), "DE");
        UUID refunded = place(alice, List.of(new Line(sku, 1)), "AQ");
        awaitEnd(completed);
        awaitEnd(refunded);
        invariantsHold();
        JsonNode accountBefore = saga.account(alice);
        JsonNode productBefore = saga.product(sku);

        for (UUID orderId : List.of(completed, refunded)) {
            for (String topic : Topics.SAGA_TOPICS) {
                kafka.events(topic, orderId).forEach(kafka::send);
            }
        }
        UUID marker = place(alice, List.of(new Line(sku, 1)), "DE");
        awaitEnd(marker);

        invariantsHold();
        assertThat(saga.account(alice).path("totalCharged").decimalValue())
                .isEqualByComparingTo(accountBefore.path("totalCharged").decimalValue().add(new BigDecimal("15.00")));
        awaitShipped(sku, productBefore.path("shipped").asInt() + 1);
        assertThat(saga.payments(completed)).hasSize(1);
        assertThat(saga.payments(refunded)).hasSize(2);
    }

    private void invariantsHold() throws InterruptedException {
        invariants.assertHold(orders, skus, customers, SETTLE);
    }

    private JsonNode awaitEnd(UUID orderId) throws InterruptedException {
        return invariants.awaitTerminal(List.of(orderId), SETTLE).get(0);
    }

    private UUID place(String customer, List<Line> lines, String country) {
        UUID orderId = placeId(customer, lines, country);
        orders.add(orderId);
        return orderId;
    }

    private static UUID placeId(String customer, List<Line> lines, String country) {
        return UUID.fromString(saga.placeOrder(customer, lines, country).path("orderId").asString());
    }

    private String product(String name, String price, int stock) {
        String sku = name + "-" + run;
        saga.createProduct(sku, name, new BigDecimal(price), stock);
        skus.add(sku);
        return sku;
    }

    private String account(String name, String balance) {
        String customer = name + "-" + run.toLowerCase();
        saga.createAccount(customer, new BigDecimal(balance));
        customers.add(customer);
        return customer;
    }

    private void awaitShipped(String sku, int shipped) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(saga.product(sku).path("shipped").asInt()).isEqualTo(shipped));
    }
}
