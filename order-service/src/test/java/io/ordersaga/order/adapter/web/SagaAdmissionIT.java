package io.ordersaga.order.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.config.SagaProperties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The bound on sagas in flight, through the whole service: the repository's count, the admission bean with its
 * default limit, the service's transaction and the controller's 503.
 */
class SagaAdmissionIT extends IntegrationTestSupport {

    private static final String BODY = """
            {"customerId": "%s", "items": [{"sku": "MUG", "quantity": 1}],
             "shippingAddress": {"name": "Alice", "street": "1 Main St", "city": "Berlin",
                                 "postalCode": "10115", "country": "DE"}}""";
    /** Above the limit by this many, so that sagas of earlier tests ending meanwhile do not open the door. */
    private static final int MARGIN = 50;

    @Autowired MockMvc mvc;
    @Autowired SagaProperties saga;
    @Autowired MeterRegistry registry;

    @Test
    void aFullBacklogIsAnswered503UntilSagasEndAndARefusedRequestLeavesNoTrace() throws Exception {
        assertThat(saga.maxInFlight()).as("the default limit").isEqualTo(1000);
        String filler = "backlog-" + UUID.randomUUID();
        try {
            fillBacklog(filler, saga.maxInFlight() - repository.countInFlight() + MARGIN);
            // The service counts again at most ordersaga.saga.in-flight-refresh after its last count.
            await().atMost(WAIT).until(() -> mvc.perform(order("probe-" + UUID.randomUUID()))
                    .andReturn().getResponse().getStatus() == 503);
            double refusedBefore = refused();

            String customer = "admission-" + UUID.randomUUID();
            String key = UUID.randomUUID().toString();
            mvc.perform(order(customer).header("Idempotency-Key", key))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(jsonPath("$.title").value("Saga backlog full"))
                    .andExpect(jsonPath("$.detail").value(containsString("not placed")))
                    .andExpect(jsonPath("$.limit").value(saga.maxInFlight()));

            assertThat(ordersOf(customer)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?",
                    Integer.class, key)).as("the refused request's key stays free").isZero();
            assertThat(refused()).isEqualTo(refusedBefore + 1);

            jdbc.update("DELETE FROM orders WHERE customer_id = ?", filler); // as if those sagas had ended
            await().atMost(WAIT).until(() -> mvc.perform(order(customer).header("Idempotency-Key", key))
                    .andReturn().getResponse().getStatus() == 201);
            assertThat(ordersOf(customer)).as("the same request, sent again once there is room").isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM orders WHERE customer_id = ?", filler);
        }
    }

    /** Orders in flight that no saga moves: PENDING rows of their own, without events. */
    private void fillBacklog(String customer, long count) {
        jdbc.update("""
                INSERT INTO orders (order_id, customer_id, status, ship_to_name, ship_to_street, ship_to_city,
                                    ship_to_postal_code, ship_to_country, correlation_id, created_at, updated_at,
                                    version)
                SELECT gen_random_uuid(), ?, 'PENDING', 'Filler', '1 Main St', 'Berlin', '10115', 'DE', 'filler',
                       now(), now(), 0
                FROM generate_series(1, ?)""", customer, count);
    }

    private static MockHttpServletRequestBuilder order(String customer) {
        return post("/orders").contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customer));
    }

    private double refused() {
        return registry.get("ordersaga.orders.refused").tag("reason", "saga-backlog").counter().count();
    }

    private int ordersOf(String customer) {
        return jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer);
    }
}
