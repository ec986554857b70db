package io.ordersaga.shipping.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventType;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A poison record on each consumed topic is dead-lettered once and does not block the records after it. */
class ShippingDeadLetterIT extends ShippingIntegrationTest {

    private static final String ORDER_DLT = Topics.deadLetter(Topics.ORDER_EVENTS, GROUP);
    private static final String PAYMENT_DLT = Topics.deadLetter(Topics.PAYMENT_EVENTS, GROUP);

    @Test
    void deadLettersPoisonOnBothTopicsOnceAndStillShipsTheOrder() {
        UUID orderId = UUID.randomUUID();
        String key = orderId.toString();
        kafka.sendRaw(Topics.ORDER_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, EventType.ORDER_PLACED.id()));
        String negativeAmount = new String(new EnvelopeCodec().write(KafkaTestClient.envelope(paid(orderId), "test")),
                StandardCharsets.UTF_8).replace("\"amount\":42.00", "\"amount\":-42.00");
        assertThat(negativeAmount).contains("-42.00");
        kafka.sendRaw(Topics.PAYMENT_EVENTS, key, negativeAmount.getBytes(StandardCharsets.UTF_8),
                Map.of(EventHeaders.EVENT_TYPE, EventType.PAYMENT_COMPLETED.id()));

        kafka.send(placed(orderId, "DE"));
        kafka.send(paid(orderId));

        awaitOneShippingEvent(orderId);
        List<ConsumerRecord<String, String>> orderDead = awaitDeadLetters(ORDER_DLT, key);
        List<ConsumerRecord<String, String>> paymentDead = awaitDeadLetters(PAYMENT_DLT, key);
        assertThat(orderDead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("{not json");
            assertThat(EventHeaders.text(record.headers(), "kafka_dlt-original-topic")).isEqualTo(Topics.ORDER_EVENTS);
        });
        assertThat(paymentDead).singleElement().satisfies(record -> {
            assertThat(EventHeaders.text(record.headers(), EventHeaders.DLT_CAUSE)).contains("amount");
            assertThat(EventHeaders.text(record.headers(), "kafka_dlt-original-topic")).isEqualTo(Topics.PAYMENT_EVENTS);
        });
        assertThat(shipmentStatus(orderId)).isEqualTo("SCHEDULED");
    }

    /** The poison record precedes the good one in its partition, so it was dead-lettered before the order shipped. */
    private static List<ConsumerRecord<String, String>> awaitDeadLetters(String topic, String key) {
        return await().atMost(TIMEOUT).until(
                () -> kafka.records(topic).stream().filter(record -> key.equals(record.key())).toList(),
                records -> !records.isEmpty());
    }
}
