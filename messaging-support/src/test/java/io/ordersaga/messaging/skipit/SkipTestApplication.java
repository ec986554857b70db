package io.ordersaga.messaging.skipit;

import io.ordersaga.events.OrderPlaced;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxListener;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A service whose saga consumer ({@link InboxListener}) handles OrderPlaced and nothing else, on a topic of its own
 * ({@code ordersaga.messaging.consumed-topics}), so that no other test's records share its partitions. Its package
 * is outside the other test applications', which would otherwise scan this listener too.
 */
@SpringBootApplication
public class SkipTestApplication {

    @Component
    static class PlacedOnlyListener extends InboxListener {
        PlacedOnlyListener(Inbox inbox, MessagingProperties messaging, JdbcTemplate jdbc) {
            super(inbox, messaging, EventHandlers.on(OrderPlaced.class, placed -> jdbc.update(
                    "INSERT INTO handled (event_id, order_id, customer_id) VALUES (?, ?, ?)",
                    UUID.fromString(MessageContext.current().orElseThrow().causationId()), placed.orderId(),
                    placed.customerId())));
        }
    }
}
