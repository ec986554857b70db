package io.ordersaga.shipping.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.messaging.testing.ApiDocsCoverage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The join of OrderPlaced and PaymentCompleted, cancellation, and duplicates, on a real broker and database. */
class ShippingJoinIT extends ShippingIntegrationTest {

    @Test
    void schedulesOneShipmentWhenOrderPlacedArrivesBeforePaymentCompleted() {
        UUID orderId = UUID.randomUUID();
        awaitHandled(kafka.send(placed(orderId, "DE")));
        assertThat(shipmentRows(orderId)).isEmpty();

        EventEnvelope<SagaEvent> paid = kafka.send(paid(orderId));

        EventEnvelope<SagaEvent> event = awaitOneShippingEvent(orderId);
        ShipmentScheduled scheduled = (ShipmentScheduled) event.data();
        assertThat(scheduled.country()).isEqualTo("DE");
        assertThat(scheduled.trackingNumber()).matches("OS-[A-Z0-9]{8}");
        Map<String, Object> row = shipmentRows(orderId).get(0);
        assertThat(row).containsEntry("shipment_id", scheduled.shipmentId()).containsEntry("status", "SCHEDULED")
                .containsEntry("tracking_number", scheduled.trackingNumber()).containsEntry("country", "DE");
        assertThat(event.metadata().causationId()).isEqualTo(paid.eventId().toString());
        assertThat(event.metadata().correlationId()).isEqualTo(paid.metadata().correlationId());
        awaitOutboxDrained(orderId);
        assertThat(shippingEvents(orderId)).hasSize(1);
    }

    @Test
    void schedulesOneShipmentWhenPaymentCompletedArrivesBeforeOrderPlaced() {
        UUID orderId = UUID.randomUUID();
        awaitHandled(kafka.send(paid(orderId)));
        assertThat(shipmentRows(orderId)).isEmpty();

        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "FR"));

        EventEnvelope<SagaEvent> event = awaitOneShippingEvent(orderId);
        assertThat(event.data()).isInstanceOfSatisfying(ShipmentScheduled.class,
                scheduled -> assertThat(scheduled.country()).isEqualTo("FR"));
        assertThat(event.metadata().causationId()).isEqualTo(placed.eventId().toString());
        assertThat(shipmentStatus(orderId)).isEqualTo("SCHEDULED");
        awaitOutboxDrained(orderId);
        assertThat(shippingEvents(orderId)).hasSize(1);
    }

    @Test
    void failsTheShipmentOfAnOrderToAnUnservedCountry() {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "AQ"));
        kafka.send(paid(orderId));

        EventEnvelope<SagaEvent> event = awaitOneShippingEvent(orderId);

        assertThat(event.data()).isEqualTo(new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED"));
        Map<String, Object> row = shipmentRows(orderId).get(0);
        assertThat(row).containsEntry("status", "FAILED").containsEntry("failure_reason", "DESTINATION_NOT_SERVED")
                .containsEntry("tracking_number", null);
    }

    @Test
    void neverShipsAnOrderCancelledBeforeItsPaymentCompleted() throws Exception {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "DE"));
        awaitHandled(kafka.send(cancelled(orderId)));

        awaitHandled(kafka.send(paid(orderId)));

        awaitOutboxDrained(orderId);
        assertThat(shipmentRows(orderId)).isEmpty();
        assertThat(shippingEvents(orderId)).isEmpty();
        mvc.perform(get("/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void neverShipsAnOrderCancelledBeforeShippingHeardOfIt() {
        UUID orderId = UUID.randomUUID();
        awaitHandled(kafka.send(cancelled(orderId)));

        awaitHandled(kafka.send(paid(orderId)), kafka.send(placed(orderId, "DE")));

        awaitOutboxDrained(orderId);
        assertThat(shipmentRows(orderId)).isEmpty();
        assertThat(shippingEvents(orderId)).isEmpty();
    }

    @Test
    void cancelsAScheduledShipmentWhenTheOrderIsCancelled() throws Exception {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "DE"));
        kafka.send(paid(orderId));
        ShipmentScheduled scheduled = (ShipmentScheduled) awaitOneShippingEvent(orderId).data();

        EventEnvelope<SagaEvent> cancel = kafka.send(cancelled(orderId));
        kafka.send(cancel);
        awaitHandled(cancel, kafka.send(cancelled(orderId)));

        assertThat(shipmentStatus(orderId)).isEqualTo("CANCELLED");
        mvc.perform(get("/shipments/{id}", scheduled.shipmentId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.trackingNumber").value(scheduled.trackingNumber()));
        awaitOutboxDrained(orderId);
        assertThat(shippingEvents(orderId)).hasSize(1);
    }

    @Test
    void leavesAFailedShipmentFailedWhenTheOrderIsCancelled() {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "AQ"));
        kafka.send(paid(orderId));
        awaitOneShippingEvent(orderId);

        awaitHandled(kafka.send(cancelled(orderId)));

        assertThat(shipmentStatus(orderId)).isEqualTo("FAILED");
    }

    @Test
    void shipsOnceWhenEveryEventIsDeliveredTwiceOrRepublished() {
        UUID orderId = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "DE"));
        kafka.send(placed);
        kafka.send(placed(orderId, "DE"));
        EventEnvelope<SagaEvent> paid = kafka.send(paid(orderId, paymentId));
        kafka.send(paid);
        kafka.send(paid(orderId, paymentId));

        // Records of one key stay in order on their topic: once the markers are handled, every copy before them was.
        awaitHandled(kafka.send(orderMarker(orderId)), kafka.send(paymentMarker(orderId)));
        awaitOutboxDrained(orderId);

        assertThat(shipmentRows(orderId)).hasSize(1);
        assertThat(shippingEvents(orderId)).singleElement()
                .satisfies(event -> assertThat(event.data()).isInstanceOf(ShipmentScheduled.class));
    }

    @Test
    void answersAScheduledShipmentOverRest() throws Exception {
        UUID orderId = UUID.randomUUID();
        kafka.send(placed(orderId, "NL"));
        kafka.send(paid(orderId));
        ShipmentScheduled scheduled = (ShipmentScheduled) awaitOneShippingEvent(orderId).data();

        mvc.perform(get("/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].shipmentId").value(scheduled.shipmentId().toString()))
                .andExpect(jsonPath("$[0].orderId").value(orderId.toString()))
                .andExpect(jsonPath("$[0].status").value("SCHEDULED"))
                .andExpect(jsonPath("$[0].trackingNumber").value(scheduled.trackingNumber()))
                .andExpect(jsonPath("$[0].country").value("NL"))
                .andExpect(jsonPath("$[0].createdAt").isNotEmpty());
        mvc.perform(get("/shipments").param("status", "SCHEDULED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.shipmentId == '%s')].status", scheduled.shipmentId())
                        .value(contains("SCHEDULED")));
        mvc.perform(get("/shipments/{id}", UUID.randomUUID())).andExpect(status().isNotFound());
    }

    /** {@code /v3/api-docs} lists every endpoint this service maps (see {@link ApiDocsCoverage}). */
    @Test
    void openApiDocumentListsEveryEndpoint(@Autowired ApplicationContext context) throws Exception {
        ApiDocsCoverage.assertDocumentListsEveryEndpoint(context, mvc);
    }
}
