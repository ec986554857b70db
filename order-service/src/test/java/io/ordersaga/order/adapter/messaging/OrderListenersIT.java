package io.ordersaga.order.adapter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.ReservationFailureReason;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderListenersIT extends IntegrationTestSupport {

    @Test
    void placingAnOrderPublishesOrderPlacedWithItsItemsAndAddress() {
        Order order = placeOrder();

        List<EventEnvelope<OrderPlaced>> placed = sent(order.orderId(), OrderPlaced.class);
        assertThat(placed).hasSize(1);
        OrderPlaced event = placed.get(0).data();
        assertThat(event.customerId()).isEqualTo(order.customerId());
        assertThat(event.items()).containsExactly(new OrderLine("BOOK-EDA", 2), new OrderLine("MUG", 1));
        assertThat(event.shippingAddress().country()).isEqualTo("DE");
        assertThat(placed.get(0).metadata().correlationId()).isEqualTo(order.correlationId());
        assertThat(placed.get(0).source()).isEqualTo("order-service");
    }

    @Test
    void drivesAnOrderThroughTheHappyPathToOneOrderCompleted() {
        Order order = placeOrder();

        kafka.send(inventoryReserved(order));
        Order reserved = awaitStatus(order.orderId(), OrderStatus.INVENTORY_RESERVED);
        assertThat(reserved.totalAmount()).isEqualByComparingTo(TOTAL);
        assertThat(reserved.currency()).isEqualTo("EUR");
        assertThat(reserved.lines()).extracting(io.ordersaga.order.domain.OrderLine::unitPrice)
                .containsExactly(new BigDecimal("10.00"), new BigDecimal("5.50"));

        kafka.send(paymentCompleted(order));
        awaitStatus(order.orderId(), OrderStatus.PAID);

        EventEnvelope<SagaEvent> scheduled = kafka.send(shipmentScheduled(order));
        awaitStatus(order.orderId(), OrderStatus.COMPLETED);
        awaitHandled(scheduled);

        List<EventEnvelope<OrderCompleted>> completed = sent(order.orderId(), OrderCompleted.class);
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).data())
                .isEqualTo(new OrderCompleted(order.orderId(), order.customerId(), TOTAL, "EUR"));
        assertThat(completed.get(0).metadata().causationId()).isEqualTo(scheduled.eventId().toString());
        assertThat(completed.get(0).metadata().correlationId()).isEqualTo(scheduled.metadata().correlationId());
        assertThat(sent(order.orderId(), OrderCancelled.class)).isEmpty();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("InventoryReservationFailed OUT_OF_STOCK",
                        (Function<Order, SagaEvent>) order -> new InventoryReservationFailed(order.orderId(),
                                ReservationFailureReason.OUT_OF_STOCK, List.of("BOOK-EDA")),
                        CancellationReason.OUT_OF_STOCK),
                Arguments.of("InventoryReservationFailed UNKNOWN_PRODUCT",
                        (Function<Order, SagaEvent>) order -> new InventoryReservationFailed(order.orderId(),
                                ReservationFailureReason.UNKNOWN_PRODUCT, List.of("MUG")),
                        CancellationReason.UNKNOWN_PRODUCT),
                Arguments.of("PaymentFailed",
                        (Function<Order, SagaEvent>) order -> new PaymentFailed(order.orderId(), order.customerId(),
                                TOTAL, "EUR", "INSUFFICIENT_FUNDS"),
                        CancellationReason.PAYMENT_DECLINED),
                Arguments.of("ShipmentFailed",
                        (Function<Order, SagaEvent>) order -> new ShipmentFailed(order.orderId(), "AQ",
                                "DESTINATION_NOT_SERVED"),
                        CancellationReason.SHIPPING_FAILED));
    }

    @ParameterizedTest(name = "{0} cancels the order with {2}")
    @MethodSource("failures")
    void cancelsTheOrderWithTheFailuresReasonAndPublishesOneOrderCancelled(String name,
            Function<Order, SagaEvent> failure, CancellationReason reason) {
        Order order = placeOrder();

        EventEnvelope<SagaEvent> failed = kafka.send(failure.apply(order));

        Order cancelled = awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        awaitHandled(failed);
        assertThat(cancelled.cancellationReason()).isEqualTo(reason);
        List<EventEnvelope<OrderCancelled>> events = sent(order.orderId(), OrderCancelled.class);
        assertThat(events).extracting(EventEnvelope::data)
                .containsExactly(new OrderCancelled(order.orderId(), order.customerId(), reason));
        assertThat(sent(order.orderId(), OrderCompleted.class)).isEmpty();
    }

    @Test
    void handlesAFailureDeliveredTwiceOnce() {
        Order order = placeOrder();
        EventEnvelope<SagaEvent> failed = kafka.send(new InventoryReservationFailed(order.orderId(),
                ReservationFailureReason.OUT_OF_STOCK, List.of("BOOK-EDA")));
        kafka.send(failed);
        // Same key, same topic: once this one is handled, both deliveries before it were too.
        EventEnvelope<SagaEvent> after = kafka.send(new InventoryReleased(order.orderId(), List.of()));

        awaitHandled(after);
        assertThat(repository.findById(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(published(order.orderId(), OrderCancelled.class)).isEqualTo(1);
        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
    }

    @Test
    void handlesAShipmentDeliveredTwiceOnce() {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        kafka.send(paymentCompleted(order));
        awaitStatus(order.orderId(), OrderStatus.PAID);
        EventEnvelope<SagaEvent> scheduled = kafka.send(shipmentScheduled(order));
        kafka.send(scheduled);
        // A late failure on the same partition: ignored by a completed order, and proof the duplicate was handled.
        EventEnvelope<SagaEvent> late = kafka.send(new ShipmentFailed(order.orderId(), "DE", "LATE"));

        awaitHandled(late);
        Order completed = repository.findById(order.orderId()).orElseThrow();
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.cancellationReason()).isNull();
        assertThat(sent(order.orderId(), OrderCompleted.class)).hasSize(1);
        assertThat(sent(order.orderId(), OrderCancelled.class)).isEmpty();
    }

    @Test
    void completesWhenTheShipmentArrivesBeforeThePayment() {
        Order order = placeOrder();
        kafka.send(inventoryReserved(order));
        awaitStatus(order.orderId(), OrderStatus.INVENTORY_RESERVED);

        kafka.send(shipmentScheduled(order));
        awaitStatus(order.orderId(), OrderStatus.COMPLETED);
        EventEnvelope<SagaEvent> payment = kafka.send(paymentCompleted(order));
        awaitHandled(payment);

        assertThat(repository.findById(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
        List<EventEnvelope<OrderCompleted>> completed = sent(order.orderId(), OrderCompleted.class);
        assertThat(completed).extracting(EventEnvelope::data)
                .containsExactly(new OrderCompleted(order.orderId(), order.customerId(), TOTAL, "EUR"));
    }

    @Test
    void announcesACompletionSeenBeforeAnyTotalOnceThePaymentTellsIt() {
        Order order = placeOrder();

        EventEnvelope<SagaEvent> scheduled = kafka.send(shipmentScheduled(order));
        awaitHandled(scheduled);
        assertThat(repository.findById(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(published(order.orderId(), OrderCompleted.class)).isZero();

        EventEnvelope<SagaEvent> payment = kafka.send(paymentCompleted(order));
        awaitHandled(payment);
        EventEnvelope<SagaEvent> reservation = kafka.send(inventoryReserved(order));
        awaitHandled(reservation);

        Order completed = repository.findById(order.orderId()).orElseThrow();
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.isPriced()).isTrue();
        assertThat(sent(order.orderId(), OrderCompleted.class)).extracting(EventEnvelope::data)
                .containsExactly(new OrderCompleted(order.orderId(), order.customerId(), TOTAL, "EUR"));
    }

    @Test
    void ignoresEventsForACancelledOrder() {
        Order order = placeOrder();
        kafka.send(new PaymentFailed(order.orderId(), order.customerId(), TOTAL, "EUR", "INSUFFICIENT_FUNDS"));
        awaitStatus(order.orderId(), OrderStatus.CANCELLED);

        EventEnvelope<SagaEvent> reserved = kafka.send(inventoryReserved(order));
        EventEnvelope<SagaEvent> scheduled = kafka.send(shipmentScheduled(order));
        EventEnvelope<SagaEvent> failed = kafka.send(new ShipmentFailed(order.orderId(), "AQ", "LATE"));
        awaitHandled(reserved);
        awaitHandled(scheduled);
        awaitHandled(failed);

        Order cancelled = repository.findById(order.orderId()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(cancelled.totalAmount()).isNull();
        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
        assertThat(sent(order.orderId(), OrderCompleted.class)).isEmpty();
    }

    @Test
    void ignoresAnEventForAnUnknownOrderWithoutDeadLetteringIt() {
        UUID unknown = UUID.randomUUID();

        EventEnvelope<SagaEvent> payment = kafka.send(
                new PaymentCompleted(unknown, "nobody", UUID.randomUUID(), TOTAL, "EUR"));
        EventEnvelope<SagaEvent> after = kafka.send(
                new PaymentFailed(unknown, "nobody", TOTAL, "EUR", "INSUFFICIENT_FUNDS"));

        awaitHandled(payment);
        awaitHandled(after);
        assertThat(repository.findById(unknown)).isEmpty();
        assertThat(published(unknown, OrderCancelled.class)).isZero();
        assertThat(deadLetters(Topics.PAYMENT_EVENTS, unknown)).isEmpty();
    }

    static Stream<Arguments> consumedTopics() {
        return Stream.of(
                Arguments.of(Topics.INVENTORY_EVENTS, "InventoryReserved",
                        (Function<Order, SagaEvent>) order -> new InventoryReservationFailed(order.orderId(),
                                ReservationFailureReason.OUT_OF_STOCK, List.of("MUG"))),
                Arguments.of(Topics.PAYMENT_EVENTS, "PaymentCompleted",
                        (Function<Order, SagaEvent>) order -> new PaymentFailed(order.orderId(), order.customerId(),
                                TOTAL, "EUR", "INSUFFICIENT_FUNDS")),
                Arguments.of(Topics.SHIPPING_EVENTS, "ShipmentScheduled",
                        (Function<Order, SagaEvent>) order -> new ShipmentFailed(order.orderId(), "AQ",
                                "DESTINATION_NOT_SERVED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumedTopics")
    void deadLettersAPoisonRecordOnceAndHandlesTheNextRecordOfItsKey(String topic, String eventType,
            Function<Order, SagaEvent> next) {
        Order order = placeOrder();
        String key = order.orderId().toString();

        kafka.sendRaw(topic, key, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, eventType));
        EventEnvelope<SagaEvent> after = kafka.send(next.apply(order));

        awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        awaitHandled(after);
        List<ConsumerRecord<String, String>> dead = await().atMost(WAIT)
                .until(() -> deadLetters(topic, order.orderId()), list -> !list.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(EventHeaders.text(dead.get(0).headers(), "kafka_dlt-original-topic")).isEqualTo(topic);
        assertThat(sent(order.orderId(), OrderCancelled.class)).hasSize(1);
    }

    @Test
    void ignoresEventTypesThatAreNotForOrders() {
        Order order = placeOrder();

        EventEnvelope<SagaEvent> released = kafka.send(new InventoryReleased(order.orderId(), List.of()));
        awaitHandled(released);

        assertThat(repository.findById(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(published(order.orderId(), OrderCancelled.class)).isZero();
    }
}
