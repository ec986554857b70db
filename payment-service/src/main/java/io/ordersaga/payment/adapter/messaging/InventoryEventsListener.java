package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.payment.application.PaymentService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** inventory.events: InventoryReserved means "charge the order". */
@Component
class InventoryEventsListener {

    private final Inbox inbox;
    private final PaymentService payments;

    InventoryEventsListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof InventoryReserved reserved) {
                payments.onInventoryReserved(reserved);
            }
        });
    }
}
