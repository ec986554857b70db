package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A client that retries {@code POST /orders} with one {@code Idempotency-Key}, many times at once, gets one order. */
class IdempotentRetriesIT extends SagaEdgeSupport {

    private static final int RETRIES = 16;

    @Test
    void parallelRetriesOfOneKeyPlaceOneOrderAndAnswerItsLocationEveryTime() throws Exception {
        String sku = product("MUG", "12.50", 10);
        String alice = account("alice", "100.00");
        String key = UUID.randomUUID().toString();
        List<Line> lines = List.of(new Line(sku, 2));

        List<SagaClient.Response> answers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(RETRIES);
        try {
            List<Future<SagaClient.Response>> retries = new ArrayList<>();
            for (int i = 0; i < RETRIES; i++) {
                retries.add(clients.submit(() -> {
                    start.await();
                    return saga.placeOrder(alice, lines, "DE", key);
                }));
            }
            start.countDown();
            for (Future<SagaClient.Response> retry : retries) {
                answers.add(retry.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).extracting(SagaClient.Response::status).containsOnly(201);
        String location = answers.get(0).header("Location");
        assertThat(answers).extracting(answer -> answer.header("Location")).containsOnly(location);
        assertThat(answers).filteredOn(answer -> "true".equals(answer.header("Idempotent-Replayed")))
                .hasSize(RETRIES - 1);
        UUID orderId = UUID.fromString(location.substring("/orders/".length()));
        orders.add(orderId);
        assertThat(saga.ordersOf(alice).path("totalElements").asInt()).isEqualTo(1);

        SagaClient.Response otherBody = saga.placeOrder(alice, List.of(new Line(sku, 3)), "DE", key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.header("Content-Type")).startsWith("application/problem+json");

        assertThat(awaitEnd(orderId).path("status").asString()).isEqualTo("COMPLETED");
        SagaClient.Response afterTheEnd = saga.placeOrder(alice, lines, "DE", key);
        assertThat(afterTheEnd.header("Location")).isEqualTo(location);
        assertThat(afterTheEnd.body().path("status").asString()).isEqualTo("COMPLETED");
        invariantsHold();
        assertThat(saga.account(alice).path("totalCharged").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(saga.product(sku).path("shipped").asInt()).isEqualTo(2);
    }
}
