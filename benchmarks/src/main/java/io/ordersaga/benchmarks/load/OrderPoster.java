package io.ordersaga.benchmarks.load;

import io.ordersaga.sagaclient.SagaClient.Line;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs orders without a thread per request: java.net.http's asynchronous client on two threads, so hundreds of
 * orders in flight cost the load generator two threads and not hundreds, and its CPU stays small beside the
 * suite's. An accepted order's id comes from the {@code Location} header ({@code /orders/<id>}); the answer's body
 * is read as text and parsed by nobody, and kept only to say why a POST was refused. Every POST carries the run's
 * bearer token ({@link BearerToken}), so the services' JWT check is part of what is measured.
 */
public final class OrderPoster implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_CHARS = 300;

    private final URI orders;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Supplier<String> bearerToken;

    /** An answer: the order's id when it was created (201), else {@code null} and why. */
    public record Answer(int status, UUID orderId, String error) {
    }

    /** The body order-service's {@code POST /orders} takes. */
    record Body(String customerId, List<Line> items, Map<String, String> shippingAddress) {
    }

    public OrderPoster(URI orderService, Supplier<String> bearerToken) {
        this.orders = orderService.resolve("/orders");
        this.bearerToken = bearerToken;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "order-poster");
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1: the default (HTTP/2) would ask every new plain-text connection to upgrade, for nothing.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
    }

    public CompletableFuture<Answer> post(String customerId, List<Line> items, String country) {
        Body body = new Body(customerId, items, Map.of("name", "Test Customer", "street", "1 Test Street", "city",
                "Testville", "postalCode", "12345", "country", country));
        HttpRequest request = HttpRequest.newBuilder(orders).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearerToken.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(OrderPoster::answer)
                .exceptionally(e -> new Answer(-1, null, "POST " + orders + " failed: " + (e.getCause() != null
                        ? e.getCause() : e)));
    }

    static Answer answer(HttpResponse<String> response) {
        if (response.statusCode() == 201) {
            String location = response.headers().firstValue("Location").orElse("");
            try {
                return new Answer(201, UUID.fromString(location.substring(location.lastIndexOf('/') + 1)), null);
            } catch (IllegalArgumentException e) {
                return new Answer(201, null, "POST " + response.uri() + " answered 201 without an order's Location: '"
                        + location + "'");
            }
        }
        String body = response.body();
        return new Answer(response.statusCode(), null, "POST " + response.uri() + " answered " + response.statusCode()
                + ": " + (body.length() > MAX_ERROR_CHARS ? body.substring(0, MAX_ERROR_CHARS) + "..." : body));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
