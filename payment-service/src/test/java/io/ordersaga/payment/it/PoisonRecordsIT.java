package io.ordersaga.payment.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PoisonRecordsIT extends PaymentIntegrationTest {

    @Test
    void deadLettersAPoisonInventoryRecordOnceAndChargesTheNextOne() {
        String customer = customerWith("50.00");
        UUID orderId = UUID.randomUUID();

        sendPoison(Topics.INVENTORY_EVENTS, orderId, "InventoryReserved");
        kafka.send(reserved(orderId, customer, "5.00"));

        assertThat(awaitPublished(orderId, 1)).singleElement().isInstanceOf(io.ordersaga.events.PaymentCompleted.class);
        assertDeadLetteredOnce(Topics.INVENTORY_EVENTS, orderId);
    }

    @Test
    void deadLettersAPoisonOrderRecordOnceAndHandlesTheNextOne() {
        String customer = customerWith("50.00");
        UUID orderId = UUID.randomUUID();

        sendPoison(Topics.ORDER_EVENTS, orderId, "OrderCancelled");
        awaitHandled(kafka.send(new OrderCancelled(orderId, customer, CancellationReason.CUSTOMER_REQUESTED)));
        kafka.send(reserved(orderId, customer, "5.00"));

        assertThat(((PaymentFailed) awaitPublished(orderId, 1).get(0)).reason()).isEqualTo("ORDER_CANCELLED");
        assertDeadLetteredOnce(Topics.ORDER_EVENTS, orderId);
    }

    @Test
    void deadLettersAPoisonShippingRecordOnceAndRefundsOnTheNextOne() {
        String customer = customerWith("50.00");
        UUID orderId = UUID.randomUUID();
        kafka.send(reserved(orderId, customer, "5.00"));
        awaitPublished(orderId, 1);

        sendPoison(Topics.SHIPPING_EVENTS, orderId, "ShipmentFailed");
        kafka.send(new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED"));

        assertThat(awaitPublished(orderId, 2).get(1)).isInstanceOf(PaymentRefunded.class);
        assertDeadLetteredOnce(Topics.SHIPPING_EVENTS, orderId);
    }

    /** Bad JSON under a known type: it can never be read, so retrying it would only block the partition. */
    private static void sendPoison(String topic, UUID orderId, String eventType) {
        kafka.sendRaw(topic, orderId.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, eventType, EventHeaders.EVENT_ID, UUID.randomUUID().toString()));
    }

    private static void assertDeadLetteredOnce(String topic, UUID orderId) {
        String deadLetters = Topics.deadLetter(topic, CONSUMER);
        List<ConsumerRecord<String, String>> dead = await().atMost(TIMEOUT)
                .until(() -> recordsFor(deadLetters, orderId), records -> !records.isEmpty());
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("{not json");
            assertThat(EventHeaders.text(record.headers(), "kafka_dlt-original-topic")).isEqualTo(topic);
        });
    }

    private static List<ConsumerRecord<String, String>> recordsFor(String topic, UUID orderId) {
        return kafka.records(topic).stream().filter(record -> orderId.toString().equals(record.key())).toList();
    }
}
