package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.domain.ReservationStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentEventsListenerIT extends AbstractInventoryIT {

    @Test
    void paymentFailedReleasesTheReservationOnceEvenWhenDeliveredTwice() {
        String sku = newProduct("BOOK", "39.90", 5);
        UUID orderId = reservedOrder(sku, 2);

        EventEnvelope<SagaEvent> failed = kafka.send(paymentFailed(orderId));
        kafka.send(failed);
        kafka.send(paymentFailed(orderId));
        sendMarkerAndAwait(paymentCompleted(orderId));

        assertThat(reservations.findById(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(product(sku).available()).isEqualTo(5);
        assertThat(product(sku).reserved()).isZero();
        assertThat(product(sku).isBalanced()).isTrue();
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
        List<EventEnvelope<SagaEvent>> published = awaitPublished(orderId, 2);
        assertThat(published).hasSize(2);
        assertThat(((InventoryReleased) published.get(1).data()).lines()).containsExactly(new OrderLine(sku, 2));
        assertThat(published.get(1).metadata().causationId()).isEqualTo(failed.eventId().toString());
    }

    @Test
    void paymentFailedAndThenOrderCancelledReleaseOnlyOnce() {
        String sku = newProduct("BOOK", "39.90", 5);
        UUID orderId = reservedOrder(sku, 2);

        awaitHandled(kafka.send(paymentFailed(orderId)));
        awaitHandled(kafka.send(OrderEventsListenerIT.cancelled(orderId)));

        assertThat(product(sku).available()).isEqualTo(5);
        assertThat(outboxEventTypes(orderId)).containsExactly("InventoryReserved", "InventoryReleased");
    }

    @Test
    void paymentFailedForAnOrderWithoutReservationChangesNothing() {
        UUID orderId = UUID.randomUUID();

        awaitHandled(kafka.send(paymentFailed(orderId)));

        assertThat(reservations.findById(orderId)).isEmpty();
        assertThat(outboxEventTypes(orderId)).isEmpty();
    }

    @Test
    void aPoisonRecordIsDeadLetteredOnceAndTheNextRecordIsStillProcessed() {
        String sku = newProduct("BOOK", "39.90", 5);
        UUID orderId = reservedOrder(sku, 1);

        kafka.sendRaw(Topics.PAYMENT_EVENTS, orderId.toString(), "{\"eventType\": 42".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "PaymentFailed"));
        kafka.send(paymentFailed(orderId));

        awaitStatus(orderId, ReservationStatus.RELEASED);
        List<?> dead = await().atMost(TIMEOUT).until(() -> deadLetters(Topics.PAYMENT_EVENTS, orderId),
                records -> !records.isEmpty());
        assertThat(dead).hasSize(1);
    }

    static PaymentFailed paymentFailed(UUID orderId) {
        return new PaymentFailed(orderId, "customer", new BigDecimal("79.80"), "EUR", "INSUFFICIENT_FUNDS");
    }

    static PaymentCompleted paymentCompleted(UUID orderId) {
        return new PaymentCompleted(orderId, "customer", UUID.randomUUID(), BigDecimal.ONE, "EUR");
    }
}
