package io.ordersaga.systemtests.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.sagaclient.SagaClient.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

/**
 * The real docker-compose.yml, built and started by {@code docker compose} itself (Testcontainers' ComposeContainer
 * with the local Docker CLI), driven only through the gateway's REST ports with the demo data: the happy path and a
 * compensation. Skipped where there is no Docker. The first run builds the images, which takes a few minutes.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** Host ports of the stack, all free ones: it must not collide with a local-stack or another compose stack. */
    private static final Map<String, String> HOST_PORTS = freePorts("ORDER_HOST_PORT", "INVENTORY_HOST_PORT",
            "PAYMENT_HOST_PORT", "SHIPPING_HOST_PORT", "KAFKA_HOST_PORT", "POSTGRES_HOST_PORT");

    @Container
    private static final ComposeContainer STACK = new ComposeContainer(Repository.file("docker-compose.yml").toFile())
            .withEnv(HOST_PORTS)
            .withBuild(true)
            .withPull(false) // compose pulls the public images itself; ours are built
            .withStartupTimeout(Duration.ofMinutes(15))
            .waitingFor("gateway", Wait.forHealthcheck());

    private static SagaClient saga;
    private static InvariantChecker invariants;

    private final List<UUID> orders = new ArrayList<>();

    @BeforeAll
    static void connect() {
        saga = new SagaClient(gateway("ORDER_HOST_PORT"), gateway("INVENTORY_HOST_PORT"), gateway("PAYMENT_HOST_PORT"),
                gateway("SHIPPING_HOST_PORT"));
        invariants = new InvariantChecker(saga);
    }

    @Test
    void aDemoOrderCompletesChargesTheCustomerAndShipsTheStock() throws InterruptedException {
        BigDecimal balance = saga.account("alice").path("balance").decimalValue();
        int shipped = saga.product("BOOK-EDA").path("shipped").asInt();

        UUID orderId = place("alice", "BOOK-EDA", "DE");

        JsonNode order = invariants.awaitTerminal(List.of(orderId), SETTLE).get(0);
        assertThat(order.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(saga.account("alice").path("balance").decimalValue())
                .isEqualByComparingTo(balance.subtract(new BigDecimal("39.90")));
        assertThat(saga.product("BOOK-EDA").path("shipped").asInt()).isEqualTo(shipped + 1);
        assertThat(saga.shipments(orderId)).singleElement()
                .satisfies(shipment -> assertThat(shipment.path("status").asString()).isEqualTo("SCHEDULED"));
        invariants.assertHold(orders, List.of("BOOK-EDA"), List.of("alice"), SETTLE);
    }

    @Test
    void aShipmentToAnUnservedCountryIsRefundedAndItsStockReleased() throws InterruptedException {
        BigDecimal balance = saga.account("carol").path("balance").decimalValue();
        int available = saga.product("MUG-KAFKA").path("available").asInt();

        UUID orderId = place("carol", "MUG-KAFKA", "AQ");

        JsonNode order = invariants.awaitTerminal(List.of(orderId), SETTLE).get(0);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asString()).isEqualTo("SHIPPING_FAILED");
        invariants.assertHold(orders, List.of("MUG-KAFKA"), List.of("carol"), SETTLE);
        assertThat(saga.payments(orderId)).extracting(payment -> payment.path("type").asString())
                .containsExactlyInAnyOrder("CHARGE", "REFUND");
        assertThat(saga.account("carol").path("balance").decimalValue()).isEqualByComparingTo(balance);
        assertThat(saga.product("MUG-KAFKA").path("available").asInt()).isEqualTo(available);
    }

    private UUID place(String customer, String sku, String country) {
        UUID orderId = UUID.fromString(saga.placeOrder(customer, List.of(new Line(sku, 1)), country)
                .path("orderId").asString());
        orders.add(orderId);
        return orderId;
    }

    private static URI gateway(String hostPortVariable) {
        return URI.create("http://" + DockerClientFactory.instance().dockerHostIpAddress() + ":"
                + HOST_PORTS.get(hostPortVariable));
    }

    private static Map<String, String> freePorts(String... variables) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String variable : variables) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(variable, Integer.toString(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }
}
