package io.ordersaga.order.access;

import static io.ordersaga.messaging.testing.ApiAccess.admin;
import static io.ordersaga.messaging.testing.ApiAccess.bearer;
import static io.ordersaga.messaging.testing.ApiAccess.customer;
import static io.ordersaga.messaging.testing.ApiAccess.forbidden;
import static io.ordersaga.messaging.testing.ApiAccess.refusesEveryBadToken;
import static io.ordersaga.messaging.testing.ApiAccess.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.testing.TestIssuer;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The access catalogue of order-service over REST, with tokens of a real issuer ({@link TestIssuer}): who may place,
 * read, cancel and list which orders, and who reaches the views, the revenue and the admin endpoints. Every refusal
 * is 401 or 403 as problem+json, and a refused write leaves no row behind.
 */
class OrderAccessIT extends IntegrationTestSupport {

    private static final String BODY = """
            {"customerId": "%s", "items": [{"sku": "MUG", "quantity": 1}],
             "shippingAddress": {"name": "A", "street": "1 Main St", "city": "Berlin", "postalCode": "10115",
                                 "country": "DE"}}""";

    @Autowired MockMvc mvc;

    @Test
    void everyEndpointRefusesAMissingExpiredForeignOrForgedToken() throws Exception {
        String intruder = "intruder-" + UUID.randomUUID();
        UUID orderId = placeOrder().orderId();
        refusesEveryBadToken(mvc, () -> placing(intruder));
        refusesEveryBadToken(mvc, () -> get("/orders/{id}", orderId));
        refusesEveryBadToken(mvc, () -> get("/orders"));
        refusesEveryBadToken(mvc, () -> post("/orders/{id}/cancel", orderId));
        refusesEveryBadToken(mvc, () -> get("/orders/{id}/timeline", orderId));
        refusesEveryBadToken(mvc, () -> get("/views/orders/{id}", orderId));
        refusesEveryBadToken(mvc, () -> get("/views/revenue/daily"));
        refusesEveryBadToken(mvc, () -> post("/admin/views/rebuild"));

        assertThat(ordersOf(intruder)).isZero();
        assertThat(repository.findById(orderId).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void aCustomerPlacesOrdersForThemselvesOnlyAndNoRowIsWrittenForAnother() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();

        mvc.perform(placing(alice).with(customer(alice))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.customerId").value(alice));
        forbidden(mvc, placing(alice).with(customer(bob)));

        assertThat(ordersOf(alice)).isEqualTo(1);
        assertThat(ordersOf(bob)).isZero();
    }

    @Test
    void aCustomerCannotReadCancelOrFollowAnotherCustomersOrder() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        Order order = placeOrder(alice);
        UUID orderId = order.orderId();

        forbidden(mvc, get("/orders/{id}", orderId).with(customer("bob")));
        forbidden(mvc, get("/orders/{id}/timeline", orderId).with(customer("bob")));
        forbidden(mvc, post("/orders/{id}/cancel", orderId).with(customer("bob")));
        assertThat(repository.findById(orderId).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);

        mvc.perform(get("/orders/{id}", orderId).with(customer(alice))).andExpect(status().isOk());
        mvc.perform(get("/orders/{id}/timeline", orderId).with(customer(alice))).andExpect(status().isOk());
        mvc.perform(get("/orders/{id}", orderId).with(staff())).andExpect(status().isOk());
        mvc.perform(post("/orders/{id}/cancel", orderId).with(customer(alice))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void aCustomerListsOnlyTheirOwnOrdersAndViews() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        Order alices = placeOrder(alice);
        placeOrder(bob);

        forbidden(mvc, get("/orders").param("customerId", alice).with(customer(bob)));
        mvc.perform(get("/orders").with(customer(bob))).andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].customerId").value(bob));
        mvc.perform(get("/orders").param("customerId", alice).with(staff())).andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1));

        forbidden(mvc, get("/views/customers/{id}/orders", alice).with(customer(bob)));
        mvc.perform(get("/views/orders/{id}", alices.orderId()).with(staff())
                        .param("consistentWith", alices.orderId().toString()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.caughtUp").value(true));
        forbidden(mvc, get("/views/orders/{id}", alices.orderId()).with(customer(bob)));
        mvc.perform(get("/views/orders/{id}", alices.orderId()).with(customer(alice))).andExpect(status().isOk());
    }

    @Test
    void staffAndAdminEndpointsRefuseACustomerAndTheRevenueAndRebuildRefuseStaff() throws Exception {
        forbidden(mvc, get("/views/revenue/daily").with(customer("alice")));
        forbidden(mvc, post("/admin/views/rebuild").with(customer("alice")));
        forbidden(mvc, get("/admin/dead-letters").with(customer("alice")));
        forbidden(mvc, get("/actuator/prometheus").with(customer("alice")));
        forbidden(mvc, get("/views/revenue/daily").with(staff()));
        forbidden(mvc, post("/admin/views/rebuild").with(staff()));

        mvc.perform(get("/views/revenue/daily").with(admin())).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(staff())).andExpect(status().isOk());
    }

    @Test
    void aTokenWithoutARoleReachesNothing() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID();
        String token = TestIssuer.shared().valid(nobody);
        forbidden(mvc, placing(nobody).with(bearer(token)));
        forbidden(mvc, get("/orders").with(bearer(token)));
        assertThat(ordersOf(nobody)).isZero();
    }

    private static MockHttpServletRequestBuilder placing(String customerId) {
        return post("/orders").contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customerId));
    }

    private int ordersOf(String customerId) {
        return jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customerId);
    }
}
