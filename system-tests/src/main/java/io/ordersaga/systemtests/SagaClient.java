package io.ordersaga.systemtests;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the four services only through their public REST APIs (DESIGN section 5), as a client would. */
public final class SagaClient {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI order;
    private final URI inventory;
    private final URI payment;
    private final URI shipping;

    public SagaClient(URI order, URI inventory, URI payment, URI shipping) {
        this.order = order;
        this.inventory = inventory;
        this.payment = payment;
        this.shipping = shipping;
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

    /** Places an order to a made-up address in {@code country}; returns the created order. */
    public JsonNode placeOrder(String customerId, List<Line> items, String country) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("items", items);
        body.put("shippingAddress", Map.of("name", "Test Customer", "street", "1 Test Street", "city", "Testville",
                "postalCode", "12345", "country", country));
        return send("POST", order.resolve("/orders"), body, 201);
    }

    public JsonNode order(UUID orderId) {
        return send("GET", order.resolve("/orders/" + orderId), null, 200);
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
        return send("GET", payment.resolve("/accounts/" + customerId), null, 200);
    }

    public List<JsonNode> payments(UUID orderId) {
        return list(send("GET", payment.resolve("/payments?orderId=" + orderId), null, 200));
    }

    public List<JsonNode> shipments(UUID orderId) {
        return list(send("GET", shipping.resolve("/shipments?orderId=" + orderId), null, 200));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private JsonNode send(String method, URI uri, Object body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
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
        if (response.statusCode() != expectedStatus) {
            throw new HttpFailure(method + " " + uri + " answered " + response.statusCode() + ": " + response.body(),
                    response.statusCode(), response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
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
