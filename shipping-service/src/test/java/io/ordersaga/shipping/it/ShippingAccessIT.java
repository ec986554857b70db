package io.ordersaga.shipping.it;

import static io.ordersaga.messaging.testing.ApiAccess.customer;
import static io.ordersaga.messaging.testing.ApiAccess.forbidden;
import static io.ordersaga.messaging.testing.ApiAccess.refusesEveryBadToken;
import static io.ordersaga.messaging.testing.ApiAccess.staff;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentScheduled;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The access catalogue of shipping-service over REST, with tokens of a real issuer: a customer sees the shipments of
 * their own orders only (the customer is the one OrderPlaced named, "alice" here), staff see all and list by status.
 */
class ShippingAccessIT extends ShippingIntegrationTest {

    @Test
    void aCustomerSeesTheShipmentsOfTheirOwnOrdersOnly() throws Exception {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "DE"));
        kafka.send(paid(orderId));
        SagaEvent scheduled = awaitOneShippingEvent(orderId).data();
        UUID shipmentId = ((ShipmentScheduled) scheduled).shipmentId();

        refusesEveryBadToken(mvc, () -> get("/shipments").param("orderId", orderId.toString()));
        refusesEveryBadToken(mvc, () -> get("/shipments/{id}", shipmentId));
        forbidden(mvc, get("/shipments").param("orderId", orderId.toString()).with(customer("bob")));
        forbidden(mvc, get("/shipments/{id}", shipmentId).with(customer("bob")));

        mvc.perform(get("/shipments").param("orderId", orderId.toString()).with(customer("alice")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].shipmentId").value(shipmentId.toString()));
        mvc.perform(get("/shipments/{id}", shipmentId).with(customer("alice"))).andExpect(status().isOk());
        mvc.perform(get("/shipments/{id}", shipmentId).with(staff())).andExpect(status().isOk());
    }

    @Test
    void onlyStaffListShipmentsByStatusAndACustomerReachesNoAdminEndpoint() throws Exception {
        forbidden(mvc, get("/shipments").param("status", "SCHEDULED").with(customer("alice")));
        mvc.perform(get("/shipments").param("status", "SCHEDULED").with(staff())).andExpect(status().isOk());
        forbidden(mvc, get("/admin/dead-letters").with(customer("alice")));
        forbidden(mvc, post("/admin/dead-letters/replay").with(staff()));
        forbidden(mvc, get("/actuator/prometheus").with(customer("alice")));
    }
}
