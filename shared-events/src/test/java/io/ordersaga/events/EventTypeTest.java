package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void mapsLogicalIdsToRecordsBothWays() {
        assertThat(EventType.fromId("OrderPlaced")).contains(EventType.ORDER_PLACED);
        assertThat(EventType.of(PaymentRefunded.class)).isEqualTo(EventType.PAYMENT_REFUNDED);
        assertThat(EventType.fromId("io.ordersaga.events.OrderPlaced")).isEmpty();
        assertThat(EventType.fromId(null)).isEmpty();
    }

    @Test
    void rejectsClassesThatAreNotRegisteredEvents() {
        assertThatThrownBy(() -> EventType.of(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesDeadLetterTopicsAfterTopicAndGroup() {
        assertThat(Topics.deadLetter(Topics.ORDER_EVENTS, "inventory-service")).isEqualTo("order.events.inventory-service.dlt");
        assertThat(Topics.isDeadLetter("order.events.inventory-service.dlt")).isTrue();
        assertThat(Topics.isDeadLetter(Topics.ORDER_EVENTS)).isFalse();
    }
}
