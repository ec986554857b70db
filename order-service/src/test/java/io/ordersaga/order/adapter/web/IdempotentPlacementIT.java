package io.ordersaga.order.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.OrderPlaced;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.application.IdempotencyKeyReusedException;
import io.ordersaga.order.application.PlaceOrderCommand;
import io.ordersaga.order.application.Placement;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.OrderLine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class IdempotentPlacementIT extends IntegrationTestSupport {

    private static final String BODY = """
            {"customerId": "%s", "items": [{"sku": "BOOK-EDA", "quantity": %d}],
             "shippingAddress": {"name": "Alice", "street": "1 Main St", "city": "Berlin",
                                 "postalCode": "10115", "country": "DE"}}""";

    @Autowired MockMvc mvc;

    @Test
    void theSameKeyWithTheSameRequestAnswersTheSameOrderAndPlacesItOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String customer = "idem-" + UUID.randomUUID();
        // The same request, spelled differently: key order and whitespace do not make it a different request.
        String respelled = """
                {"shippingAddress": {"country": "DE", "postalCode": "10115", "city": "Berlin", "street": "1 Main St",
                 "name": "Alice"}, "items": [{"quantity": 2, "sku": "BOOK-EDA"}], "customerId": "%s"}"""
                .formatted(customer);

        String location = mvc.perform(post("/orders").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customer, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(post("/orders").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(respelled))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", location))
                .andExpect(header().string("Idempotent-Replayed", "true"));

        UUID orderId = UUID.fromString(location.substring("/orders/".length()));
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(sent(orderId, OrderPlaced.class)).hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefusedWith422() throws Exception {
        String key = UUID.randomUUID().toString();
        String customer = "idem-" + UUID.randomUUID();
        mvc.perform(post("/orders").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customer, 1)))
                .andExpect(status().isCreated());

        mvc.perform(post("/orders").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customer, 3)))
                .andExpect(status().is(422))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void differentKeysPlaceDifferentOrders() throws Exception {
        String customer = "idem-" + UUID.randomUUID();
        for (String key : List.of("a-" + UUID.randomUUID(), "b-" + UUID.randomUUID())) {
            mvc.perform(post("/orders").header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(customer, 1)))
                    .andExpect(status().isCreated());
        }
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneKeyPlaceOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String customer = "idem-" + UUID.randomUUID();
        PlaceOrderCommand command = new PlaceOrderCommand(customer, List.of(OrderLine.of("MUG", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"));
        int retries = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(retries);
        List<Future<Placement>> placements = new ArrayList<>();
        try {
            for (int i = 0; i < retries; i++) {
                placements.add(clients.submit(() -> {
                    start.await();
                    return orders.placeOrder(command, key);
                }));
            }
            start.countDown();
            List<Placement> answered = new ArrayList<>();
            for (Future<Placement> placement : placements) {
                answered.add(placement.get());
            }

            assertThat(answered).extracting(p -> p.order().orderId()).containsOnly(answered.get(0).order().orderId());
            assertThat(answered).filteredOn(p -> !p.replayed()).hasSize(1);
            assertThat(ordersOf(customer)).isEqualTo(1);
            assertThat(sent(answered.get(0).order().orderId(), OrderPlaced.class)).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        assertThatThrownBy(() -> orders.placeOrder(new PlaceOrderCommand(customer,
                        List.of(OrderLine.of("MUG", 2)), command.shippingAddress()), key))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    private int ordersOf(String customer) {
        return jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer);
    }
}
