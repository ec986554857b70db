package io.ordersaga.shipping.adapter.web;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.shipping.application.ShippingService;
import io.ordersaga.shipping.domain.DeliveryAddress;
import io.ordersaga.shipping.domain.OrderItem;
import io.ordersaga.shipping.domain.ServiceArea;
import io.ordersaga.shipping.domain.Shipment;
import io.ordersaga.shipping.domain.ShipmentStatus;
import io.ordersaga.shipping.domain.ShippingOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(ShipmentController.class)
class ShipmentControllerTest {

    private static final Instant CREATED = Instant.parse("2026-01-31T10:30:00Z");

    @Autowired MockMvc mvc;
    @MockitoBean ShippingService shipping;

    @Test
    void listsTheShipmentOfAnOrder() throws Exception {
        Shipment shipment = shipment("DE");
        given(shipping.shipmentsOfOrder(shipment.orderId())).willReturn(List.of(shipment));

        mvc.perform(get("/shipments").param("orderId", shipment.orderId().toString()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].shipmentId").value(shipment.shipmentId().toString()))
                .andExpect(jsonPath("$[0].orderId").value(shipment.orderId().toString()))
                .andExpect(jsonPath("$[0].status").value("SCHEDULED"))
                .andExpect(jsonPath("$[0].trackingNumber").value(shipment.trackingNumber()))
                .andExpect(jsonPath("$[0].country").value("DE"))
                .andExpect(jsonPath("$[0].createdAt").value("2026-01-31T10:30:00Z"));
    }

    @Test
    void answersAnEmptyListForAnOrderWithoutShipment() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(shipping.shipmentsOfOrder(orderId)).willReturn(List.of());

        mvc.perform(get("/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void listsShipmentsByStatus() throws Exception {
        Shipment failed = shipment("AQ");
        given(shipping.shipmentsWithStatus(ShipmentStatus.FAILED)).willReturn(List.of(failed));

        mvc.perform(get("/shipments").param("status", "FAILED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("FAILED"))
                .andExpect(jsonPath("$[0].country").value("AQ"))
                .andExpect(jsonPath("$[0].trackingNumber").isEmpty());
    }

    @Test
    void narrowsTheShipmentOfAnOrderByStatus() throws Exception {
        Shipment shipment = shipment("DE");
        given(shipping.shipmentsOfOrder(shipment.orderId())).willReturn(List.of(shipment));

        mvc.perform(get("/shipments").param("orderId", shipment.orderId().toString()).param("status", "CANCELLED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void rejectsAListingWithoutOrderIdOrStatus() throws Exception {
        expectBadParameter(mvc.perform(get("/shipments")), "orderId");
        verifyNoInteractions(shipping);
    }

    @Test
    void rejectsAMalformedOrderId() throws Exception {
        expectBadParameter(mvc.perform(get("/shipments").param("orderId", "not-a-uuid")), "orderId")
                .andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
        verifyNoInteractions(shipping);
    }

    @Test
    void rejectsAnUnknownStatus() throws Exception {
        expectBadParameter(mvc.perform(get("/shipments").param("status", "LOST")), "status")
                .andExpect(jsonPath("$.errors[0].message").value("must be one of [SCHEDULED, FAILED, CANCELLED]"));
    }

    @Test
    void answersOneShipmentById() throws Exception {
        Shipment shipment = shipment("DE");
        given(shipping.shipment(shipment.shipmentId())).willReturn(Optional.of(shipment));

        mvc.perform(get("/shipments/{id}", shipment.shipmentId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shipmentId").value(shipment.shipmentId().toString()))
                .andExpect(jsonPath("$.status").value("SCHEDULED"));
    }

    @Test
    void answersNotFoundForAnUnknownShipment() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(shipping.shipment(unknown)).willReturn(Optional.empty());

        mvc.perform(get("/shipments/{id}", unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("No shipment " + unknown))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void rejectsAShipmentIdThatIsNotAUuid() throws Exception {
        expectBadParameter(mvc.perform(get("/shipments/{id}", "42")), "shipmentId");
        verifyNoInteractions(shipping);
    }

    private static ResultActions expectBadParameter(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.trace").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
    }

    private static Shipment shipment(String country) {
        ShippingOrder order = new ShippingOrder(UUID.randomUUID());
        order.recordPlacement("alice", new DeliveryAddress("Alice", "1 Main St", "Town", "12345", country),
                List.of(new OrderItem("BOOK-EDA", 1)), CREATED);
        order.recordPayment(UUID.randomUUID(), CREATED);
        return order.ship(new ServiceArea(Set.of("AQ")), CREATED);
    }
}
