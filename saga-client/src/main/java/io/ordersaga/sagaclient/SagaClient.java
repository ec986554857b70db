package io.ordersaga.sagaclient;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the four services only through their public REST APIs (DESIGN section 5), as a client would. With
 * {@link Tokens} it sends each call with the bearer token the services ask for: a customer's own for their orders and
 * account, staff's for the catalogue, accounts and whatever it reads by order id, admin's for {@code /admin}.
 * Without, it sends none (services with API security off).
 */
public final class SagaClient {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI order;
    private final URI inventory;
    private final URI payment;
    private final URI shipping;
    private final Tokens tokens;

    public SagaClient(URI order, URI inventory, URI payment, URI shipping) {
        this(order, inventory, payment, shipping, null);
    }

    private SagaClient(URI order, URI inventory, URI payment, URI shipping, Tokens tokens) {
        this.order = order;
        this.inventory = inventory;
        this.payment = payment;
        this.shipping = shipping;
        this.tokens = tokens;
    }

    /** Where the bearer tokens come from: the issuer the services trust (a test's, or the suite's). */
    public interface Tokens {

        /** A token whose subject is the customer. */
        String customer(String customerId);

        String staff();

        String admin();
    }

    /** The same services, called with bearer tokens from {@code tokens}. */
    public SagaClient withTokens(Tokens tokens) {
        return new SagaClient(order, inventory, payment, shipping, tokens);
    }

    /** The services on localhost at the given ports. */
    public static SagaClient onLocalhost(int order, int inventory, int payment, int shipping) {
        return new SagaClient(local(order), local(inventory), local(payment), local(shipping));
    }

    /** The default ports of DESIGN section 2 (local-stack and compose). */
    public static SagaClient defaults() {
        return onLocalhost(8081, 8082, 8083, 8084);
    }

    private static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }

    public record Line(String sku, int quantity) {
    }

    /** The four services, for calls every service answers (the dead-letter admin). */
    public enum Service {
        ORDER, INVENTORY, PAYMENT, SHIPPING
    }

    /** An answer of any status: for calls whose refusal is the point (409, 422, …). */
    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Places an order to a made-up address in {@code country}; returns the created order. */
    public JsonNode placeOrder(String customerId, List<Line> items, String country) {
        return send("POST", order.resolve("/orders"), orderBody(customerId, items, country), 201,
                as(tokens -> tokens.customer(customerId)));
    }

    private static Map<String, Object> orderBody(String customerId, List<Line> items, String country) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("items", items);
        body.put("shippingAddress", Map.of("name", "Test Customer", "street", "1 Test Street", "city", "Testville",
                "postalCode", "12345", "country", country));
        return body;
    }

    /**
     * Places an order with an {@code Idempotency-Key}, answering whatever the service answered: 201 for the first
     * request and its repeats (those with {@code Idempotent-Replayed: true}), 422 for the key with another body.
     */
    public Response placeOrder(String customerId, List<Line> items, String country, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>(as(tokens -> tokens.customer(customerId)));
        headers.put("Idempotency-Key", idempotencyKey);
        return exchange("POST", order.resolve("/orders"), orderBody(customerId, items, country), headers);
    }

    public JsonNode order(UUID orderId) {
        return send("GET", order.resolve("/orders/" + orderId), null, 200);
    }

    /** A page of one customer's orders, newest first. */
    public JsonNode ordersOf(String customerId) {
        return send("GET", order.resolve("/orders?customerId=" + encode(customerId)), null, 200,
                as(tokens -> tokens.customer(customerId)));
    }

    /** Cancels for the customer (as staff): 200 with the order, 409 once it is COMPLETED, 404 for an unknown order. */
    public Response cancelOrder(UUID orderId) {
        return exchange("POST", order.resolve("/orders/" + orderId + "/cancel"), null, as(Tokens::staff));
    }

    /**
     * {@code POST /orders/quote}: what the lines would cost and whether they are in stock, asked of inventory over
     * Kafka. 200 with the quote, 504 when inventory did not answer in time.
     */
    public Response quote(List<Line> items) {
        return exchange("POST", order.resolve("/orders/quote"), Map.of("items", items), as(Tokens::staff));
    }

    /** The order's events from all four topics, in causal order: {@code {orderId, events:[…]}}. */
    public JsonNode timeline(UUID orderId) {
        return send("GET", order.resolve("/orders/" + orderId + "/timeline"), null, 200);
    }

    public JsonNode createProduct(String sku, String name, BigDecimal unitPrice, int initialStock) {
        return send("POST", inventory.resolve("/products"),
                Map.of("sku", sku, "name", name, "unitPrice", unitPrice, "initialStock", initialStock), 201);
    }

    public JsonNode restock(String sku, int quantity) {
        return send("POST", inventory.resolve("/products/" + sku + "/restock"), Map.of("quantity", quantity), 200);
    }

    public JsonNode product(String sku) {
        return send("GET", inventory.resolve("/products/" + sku), null, 200);
    }

    public JsonNode createAccount(String customerId, BigDecimal initialBalance) {
        return send("POST", payment.resolve("/accounts"),
                Map.of("customerId", customerId, "initialBalance", initialBalance), 201);
    }

    public JsonNode account(String customerId) {
        return send("GET", payment.resolve("/accounts/" + customerId), null, 200,
                as(tokens -> tokens.customer(customerId)));
    }

    public List<JsonNode> payments(UUID orderId) {
        return list(send("GET", payment.resolve("/payments?orderId=" + orderId), null, 200));
    }

    public List<JsonNode> shipments(UUID orderId) {
        return list(send("GET", shipping.resolve("/shipments?orderId=" + orderId), null, 200));
    }

    /** What inventory holds for the order, or empty when inventory has no reservation for it (yet). */
    public Optional<JsonNode> reservation(UUID orderId) {
        Response response = exchange("GET", inventory.resolve("/reservations/" + orderId), null, as(Tokens::staff));
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(response, 200, "GET /reservations/" + orderId));
    }

    /**
     * The dead letters of one service: {@code {topics, count, deadLetters:[…]}}.
     *
     * @param status PENDING, REPLAYED, DISCARDED or ALL
     * @param key    only those with this record key (an order id), or every one when {@code null}
     */
    public JsonNode deadLetters(Service service, String status, String key) {
        String query = "?status=" + status + (key == null ? "" : "&key=" + encode(key));
        return admin("GET", base(service).resolve("/admin/dead-letters" + query), null, 200);
    }

    /** Sends one dead letter (as listed) back to its original topic. */
    public JsonNode replayDeadLetter(Service service, JsonNode deadLetter) {
        return admin("POST", base(service).resolve(deadLetter.path("links").path("replay").asString()), null, 200);
    }

    /** Sends one dead letter (as listed) back to its original topic with a corrected value (UTF-8 text). */
    public JsonNode replayDeadLetter(Service service, JsonNode deadLetter, String correctedPayload) {
        return admin("POST", base(service).resolve(deadLetter.path("links").path("replay").asString()),
                Map.of("payload", correctedPayload), 200);
    }

    /** Replays every PENDING dead letter of the service: {@code {replayed, deadLetters:[…]}}. */
    public JsonNode replayPendingDeadLetters(Service service) {
        return admin("POST", base(service).resolve("/admin/dead-letters/replay"), null, 200);
    }

    /** Marks one dead letter (as listed) DISCARDED for {@code reason}. */
    public JsonNode discardDeadLetter(Service service, JsonNode deadLetter, String reason) {
        return admin("POST", base(service).resolve(deadLetter.path("links").path("discard").asString()),
                Map.of("reason", reason), 200);
    }

    private JsonNode admin(String method, URI uri, Object body, int expectedStatus) {
        return send(method, uri, body, expectedStatus, as(Tokens::admin));
    }

    /** The {@code Authorization} header with {@code whose} token, or none without {@link Tokens}. */
    private Map<String, String> as(Function<Tokens, String> whose) {
        return tokens == null ? Map.of() : Map.of("Authorization", "Bearer " + whose.apply(tokens));
    }

    private URI base(Service service) {
        return switch (service) {
            case ORDER -> order;
            case INVENTORY -> inventory;
            case PAYMENT -> payment;
            case SHIPPING -> shipping;
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** As staff: they read everything and manage the catalogue and the accounts. */
    private JsonNode send(String method, URI uri, Object body, int expectedStatus) {
        return send(method, uri, body, expectedStatus, as(Tokens::staff));
    }

    private JsonNode send(String method, URI uri, Object body, int expectedStatus, Map<String, String> headers) {
        return expect(exchange(method, uri, body, headers), expectedStatus, method + " " + uri);
    }

    private static JsonNode expect(Response response, int expectedStatus, String call) {
        if (response.status() != expectedStatus) {
            String body = response.body().isString() ? response.body().asString() : response.body().toString();
            throw new HttpFailure(call + " answered " + response.status() + ": " + body, response.status(), body);
        }
        return response.body();
    }

    private Response exchange(String method, URI uri, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HttpFailure(method + " " + uri + " failed: " + e, -1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure(method + " " + uri + " interrupted", -1, null);
        }
        return new Response(response.statusCode(), response.headers(), parse(response.body()));
    }

    /** JSON when the body is JSON (every answer of the services is), its text otherwise. */
    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A call that did not answer as expected; {@code status} is -1 when no answer came at all. */
    public static final class HttpFailure extends RuntimeException {
        private final int status;
        private final String body;

        HttpFailure(String message, int status, String body) {
            super(message);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }
}
