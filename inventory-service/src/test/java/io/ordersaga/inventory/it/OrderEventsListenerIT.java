package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PricedLine;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.domain.RejectionReason;
import io.ordersaga.inventory.domain.Reservation;
import io.ordersaga.inventory.domain.ReservationStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderEventsListenerIT extends AbstractInventoryIT {

    @Test
    void orderPlacedReservesEveryLineAndPublishesThePricedReservation() {
        String book = newProduct("BOOK", "39.90", 10);
        String mug = newProduct("MUG", "12.50", 10);
        UUID orderId = UUID.randomUUID();

        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, new OrderLine(mug, 1), new OrderLine(book, 2),
                new OrderLine(mug, 2)));

        EventEnvelope<SagaEvent> reserved = awaitPublished(orderId, 1).get(0);
        InventoryReserved event = (InventoryReserved) reserved.data();
        assertThat(event.customerId()).isEqualTo(((OrderPlaced) placed.data()).customerId());
        assertThat(event.lines()).containsExactly(new PricedLine(book, 2, new BigDecimal("39.90")),
                new PricedLine(mug, 3, new BigDecimal("12.50")));
        assertThat(event.totalAmount()).isEqualByComparingTo("117.30");
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(reserved.metadata().correlationId()).isEqualTo(placed.metadata().correlationId());
        assertThat(reserved.metadata().causationId()).isEqualTo(placed.eventId().toString());
        assertThat(reserved.source()).isEqualTo("inventory-service");

        assertThat(product(book).reserved()).isEqualTo(2);
        assertThat(product(mug).available()).isEqualTo(7);
        assertThat(product(mug).reserved()).isEqualTo(3);
        Reservation reservation = reservations.findById(orderId).orElseThrow();
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.totalAmount()).isEqualByComparingTo("117.30");
    }

    @Test
    void theSameOrderPlacedRecordDeliveredTwiceReservesOnce() {
        String sku = newProduct("MUG", "12.50", 10);
        UUID orderId = UUID.randomUUID();

        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, new OrderLine(sku, 4)));
        kafka.send(placed);
        awaitOrderEventsProcessed(orderId);

        assertThat(product(sku).reserved()).isEqualTo(4);
        assertThat(product(sku).available()).isEqualTo(6);
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved");
        assertThat(awaitPublished(orderId, 1)).hasSize(1);
    }

    @Test
    void aSecondOrderPlacedForAnOrderThatHasAReservationChangesNothing() {
        String sku = newProduct("MUG", "12.50", 10);
        UUID orderId = reservedOrder(sku, 2);

        EventEnvelope<SagaEvent> again = kafka.send(placed(orderId, new OrderLine(sku, 5)));
        awaitHandled(again);

        assertThat(product(sku).reserved()).isEqualTo(2);
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved");
    }

    @Test
    void reservesNothingWhenOneLineIsShortAndNamesTheShortSku() {
        String plenty = newProduct("BOOK", "39.90", 10);
        String scarce = newProduct("POSTER", "25.00", 1);
        UUID orderId = UUID.randomUUID();

        kafka.send(placed(orderId, new OrderLine(plenty, 2), new OrderLine(scarce, 2)));

        InventoryReservationFailed failed = (InventoryReservationFailed) awaitPublished(orderId, 1).get(0).data();
        assertThat(failed.reason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
        assertThat(failed.skus()).containsExactly(scarce);
        assertThat(product(plenty).available()).isEqualTo(10);
        assertThat(product(plenty).reserved()).isZero();
        assertThat(product(scarce).available()).isEqualTo(1);
        Reservation rejected = reservations.findById(orderId).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(rejected.rejectionReason()).contains(RejectionReason.OUT_OF_STOCK);
    }

    @Test
    void anUnknownSkuFailsTheWholeOrderAsUnknownProduct() {
        String known = newProduct("BOOK", "39.90", 10);
        String unknown = newSku("NEVER-CREATED");
        UUID orderId = UUID.randomUUID();

        kafka.send(placed(orderId, new OrderLine(known, 1), new OrderLine(unknown, 1)));

        InventoryReservationFailed failed = (InventoryReservationFailed) awaitPublished(orderId, 1).get(0).data();
        assertThat(failed.reason()).isEqualTo(ReservationFailureReason.UNKNOWN_PRODUCT);
        assertThat(failed.skus()).containsExactly(unknown);
        assertThat(product(known).reserved()).isZero();
    }

    @Test
    void orderCancelledReleasesTheReservationOnceEvenWhenDeliveredTwice() {
        String sku = newProduct("MUG", "12.50", 10);
        UUID orderId = reservedOrder(sku, 3);

        EventEnvelope<SagaEvent> cancelled = kafka.send(cancelled(orderId));
        kafka.send(cancelled);
        kafka.send(cancelled(orderId));
        awaitOrderEventsProcessed(orderId);

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(product(sku).available()).isEqualTo(10);
        assertThat(product(sku).reserved()).isZero();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
        InventoryReleased released = (InventoryReleased) awaitPublished(orderId, 2).get(1).data();
        assertThat(released.lines()).containsExactly(new OrderLine(sku, 3));
    }

    @Test
    void anOrderPlacedArrivingAfterItsOrderCancelledReservesNothing() {
        String sku = newProduct("MUG", "12.50", 10);
        UUID orderId = UUID.randomUUID();

        awaitHandled(kafka.send(cancelled(orderId)));
        Reservation tombstone = reservations.findById(orderId).orElseThrow();
        assertThat(tombstone.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(tombstone.lines()).isEmpty();

        awaitHandled(kafka.send(placed(orderId, new OrderLine(sku, 1))));

        assertThat(product(sku).available()).isEqualTo(10);
        assertThat(product(sku).reserved()).isZero();
        assertThat(outboxEventTypes(orderId)).isEmpty();
    }

    @Test
    void ignoresOtherOrderEvents() {
        UUID orderId = UUID.randomUUID();

        awaitOrderEventsProcessed(orderId);

        assertThat(reservations.findById(orderId)).isEmpty();
        assertThat(outboxEventTypes(orderId)).isEmpty();
    }

    @Test
    void aPoisonRecordIsDeadLetteredOnceAndTheNextRecordIsStillProcessed() {
        String sku = newProduct("MUG", "12.50", 10);
        UUID orderId = UUID.randomUUID();

        kafka.sendRaw(Topics.ORDER_EVENTS, orderId.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "OrderPlaced"));
        kafka.send(placed(orderId, new OrderLine(sku, 1)));

        awaitStatus(orderId, ReservationStatus.RESERVED);
        assertThat(product(sku).reserved()).isEqualTo(1);
        List<?> dead = await().atMost(TIMEOUT).until(() -> deadLetters(Topics.ORDER_EVENTS, orderId),
                records -> !records.isEmpty());
        assertThat(dead).hasSize(1);
    }

    static OrderCancelled cancelled(UUID orderId) {
        return new OrderCancelled(orderId, "customer", CancellationReason.CUSTOMER_REQUESTED);
    }
}
