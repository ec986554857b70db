package io.ordersaga.inventory.it;

import static io.ordersaga.messaging.testing.ApiAccess.admin;
import static io.ordersaga.messaging.testing.ApiAccess.customer;
import static io.ordersaga.messaging.testing.ApiAccess.forbidden;
import static io.ordersaga.messaging.testing.ApiAccess.noToken;
import static io.ordersaga.messaging.testing.ApiAccess.refusesEveryBadToken;
import static io.ordersaga.messaging.testing.ApiAccess.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The access catalogue of inventory-service over REST, with tokens of a real issuer: only staff create products and
 * restock; customers read the catalogue and the reservation of their own order; refusals are 401 or 403 as
 * problem+json and change nothing.
 */
class InventoryAccessIT extends AbstractInventoryIT {

    @Test
    void everyEndpointRefusesAMissingExpiredForeignOrForgedToken() throws Exception {
        String sku = newSku("SAFE");
        String existing = newProduct("LOCK", "10.00", 5);
        refusesEveryBadToken(mvc, () -> creating(sku));
        refusesEveryBadToken(mvc, () -> restocking(existing));
        refusesEveryBadToken(mvc, () -> get("/products"));
        refusesEveryBadToken(mvc, () -> get("/products/{sku}", existing));
        refusesEveryBadToken(mvc, () -> get("/reservations/{orderId}", UUID.randomUUID()));

        assertThat(products.findById(sku)).isEmpty();
        assertThat(product(existing).available()).isEqualTo(5);
    }

    @Test
    void aCustomerCannotCreateProductsOrRestockAndNothingChanges() throws Exception {
        String sku = newSku("SAFE");
        String existing = newProduct("LOCK", "10.00", 5);

        forbidden(mvc, creating(sku).with(customer("alice")));
        forbidden(mvc, restocking(existing).with(customer("alice")));
        assertThat(products.findById(sku)).isEmpty();
        assertThat(product(existing).available()).isEqualTo(5);

        mvc.perform(get("/products/{sku}", existing).with(customer("alice"))).andExpect(status().isOk());
        mvc.perform(creating(sku).with(staff())).andExpect(status().isCreated());
        mvc.perform(restocking(existing).with(admin())).andExpect(status().isOk());
        assertThat(product(existing).available()).isEqualTo(6);
    }

    @Test
    void aCustomerSeesTheReservationOfTheirOwnOrderOnly() throws Exception {
        String sku = newProduct("LAMP", "10.00", 5);
        UUID orderId = reservedOrder(sku, 1);
        String owner = reservations.findById(orderId).orElseThrow().customerId();

        forbidden(mvc, get("/reservations/{orderId}", orderId).with(customer("someone-else")));
        mvc.perform(get("/reservations/{orderId}", orderId).with(customer(owner))).andExpect(status().isOk());
        mvc.perform(get("/reservations/{orderId}", orderId).with(staff())).andExpect(status().isOk());
    }

    @Test
    void aCustomerReachesNeitherTheAdminEndpointsNorActuator() throws Exception {
        forbidden(mvc, get("/admin/dead-letters").with(customer("alice")));
        forbidden(mvc, post("/admin/dead-letters/replay").with(customer("alice")));
        forbidden(mvc, get("/admin/dead-letters").with(staff()));
        forbidden(mvc, get("/actuator/prometheus").with(customer("alice")));
        mvc.perform(get("/actuator/health/readiness").with(noToken()))
                .andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder creating(String sku) {
        return post("/products").contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "%s", "name": "Safe", "unitPrice": 99.0, "initialStock": 1}""".formatted(sku));
    }

    private static MockHttpServletRequestBuilder restocking(String sku) {
        return post("/products/{sku}/restock", sku).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\": 1}");
    }
}
