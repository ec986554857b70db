package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in for order-service's {@code POST /orders} (the JDK's own HTTP server), not a suite. */
class OrderPosterTest {

    private final Fixture fixture = new Fixture("BTEST", List.of("BTEST-P0001", "BTEST-P0002"),
            List.of("btest-c00001"), "BTEST-SOLD-OUT", List.of("btest-broke01"));
    private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    /** Answers 201 with a Location and a body that is not JSON, except every third request: 503. */
    private URI start(Duration answerAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/orders", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                Thread.sleep(answerAfter.toMillis());
                boolean refused = requests.incrementAndGet() % 3 == 0;
                byte[] body = (refused ? "{\"title\":\"Saga backlog full\"}" : "not parsed by anyone")
                        .getBytes(StandardCharsets.UTF_8);
                if (!refused) {
                    exchange.getResponseHeaders().add("Location", "/orders/" + UUID.randomUUID());
                }
                exchange.sendResponseHeaders(refused ? 503 : 201, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theOrderIdComesFromTheLocationAndARefusalKeepsItsReason() throws Exception {
        URI url = start(Duration.ZERO);
        RunLog log = new RunLog();
        try (OrderPoster poster = new OrderPoster(url, () -> "the-run-token")) {
            OrderSender sender = new OrderSender(poster, new OrderFactory(fixture, 0, 1), log);

            assertThat(sender.send(0, true, System.nanoTime())).isEqualTo(ClosedLoop.Sender.Outcome.ACCEPTED);
            assertThat(sender.send(0, true, System.nanoTime())).isEqualTo(ClosedLoop.Sender.Outcome.ACCEPTED);
            assertThat(sender.send(0, true, System.nanoTime())).isEqualTo(ClosedLoop.Sender.Outcome.BACKLOG_FULL);
        }

        assertThat(log.measured(0).accepted()).hasSize(2);
        assertThat(log.measured(0).refused()).isEqualTo(1);
        assertThat(log.firstErrors()).singleElement().asString().contains("answered 503", "Saga backlog full");
        assertThat(authorizations).hasSize(3).containsOnly("Bearer the-run-token");
        assertThat(bodies.peek()).contains("\"customerId\":\"btest-c00001\"", "\"items\":[", "\"shippingAddress\":{",
                "\"country\":");
    }

    @Test
    void theOpenLoopKeepsAtMostItsConnectionsInFlightAndEveryScheduledPostIsCountedOnce() throws Exception {
        URI url = start(Duration.ofMillis(50));
        RunLog log = new RunLog();
        Window window;
        try (OrderPoster poster = new OrderPoster(url, () -> "the-run-token");
             OpenLoop open = new OpenLoop(new OrderSender(poster, new OrderFactory(fixture, 0, 1), log), 2)) {
            open.run(0, false, 100, Duration.ofMillis(300)); // a warm-up: counted in the run, not in the step
            window = open.run(0, true, 100, Duration.ofMillis(600));
            open.awaitAnswers(Duration.ofSeconds(30));
        }

        RunLog.StepCount step = log.measured(0);
        assertThat(window.scheduled()).isEqualTo(60);
        assertThat(step.accepted().size() + step.refused()).isEqualTo(window.scheduled());
        assertThat(log.placedCount() + log.rejectedCount()).isEqualTo(90);
        assertThat(mostInFlight.get()).isLessThanOrEqualTo(2);
    }
}
