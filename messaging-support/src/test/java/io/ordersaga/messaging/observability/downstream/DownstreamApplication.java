package io.ordersaga.messaging.observability.downstream;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReleased;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.inbox.Inbox;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A service that continues sagas: it handles PaymentCompleted from payment.events (which no other test of this module
 * consumes) by publishing InventoryReleased through its own outbox.
 */
@SpringBootApplication
public class DownstreamApplication {

    @Bean
    InMemorySpanExporter spanExporter() {
        return InMemorySpanExporter.create();
    }

    @Component
    static class PaymentEventsListener {
        private final Inbox inbox;
        private final EventPublisher events;

        PaymentEventsListener(Inbox inbox, EventPublisher events) {
            this.inbox = inbox;
            this.events = events;
        }

        @KafkaListener(topics = Topics.PAYMENT_EVENTS)
        void on(EventEnvelope<SagaEvent> envelope) {
            inbox.handle(envelope, event -> {
                if (event instanceof PaymentCompleted paid) {
                    events.publish(new InventoryReleased(paid.orderId(), List.of(new OrderLine("BOOK-EDA", 1))));
                }
            });
        }
    }
}
