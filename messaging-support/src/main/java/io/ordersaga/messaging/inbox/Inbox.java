package io.ordersaga.messaging.inbox;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.CrashPoints;
import io.ordersaga.messaging.context.MessageContext;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent consumer. {@link #handle} records {@code (consumer, eventId)} and runs the handler in one
 * database transaction, so the handler's effect and the record of having had it commit together: a redelivered
 * event is a no-op. While the handler runs, the event's correlation id and its own id (as causation) are the
 * {@link MessageContext}, so everything it publishes continues the saga.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String defaultConsumer;

    public Inbox(JdbcTemplate jdbc, TransactionTemplate transaction, String defaultConsumer) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.defaultConsumer = defaultConsumer;
    }

    /**
     * Runs {@code handler} once per event and consumer group.
     *
     * @return {@code false} when the event had been handled before and nothing ran
     */
    public boolean handle(EventEnvelope<? extends SagaEvent> envelope, Consumer<SagaEvent> handler) {
        CrashPoints.reached(CrashPoints.INBOX_BEFORE_HANDLE);
        String consumer = consumer();
        MessageContext.Current context = new MessageContext.Current(envelope.metadata().correlationId(),
                envelope.eventId().toString(), envelope.data().orderId().toString());
        boolean handled = MessageContext.callWith(context, () -> transaction.execute(status -> {
            int recorded = jdbc.update("""
                    INSERT INTO messaging.inbox (consumer, event_id, event_type) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", consumer, envelope.eventId(), envelope.eventType());
            if (recorded == 0) {
                log.info("Skipping duplicate {} {}", envelope.eventType(), envelope.eventId());
                return false;
            }
            log.debug("Handling {} {}", envelope.eventType(), envelope.eventId());
            handler.accept(envelope.data());
            return true;
        }));
        CrashPoints.reached(CrashPoints.INBOX_AFTER_COMMIT); // the effect is committed, the offset is not
        return handled;
    }

    /** Whether this consumer has handled the event (for tests and admin views). */
    public boolean hasHandled(String consumer, java.util.UUID eventId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?",
                Integer.class, consumer, eventId);
        return count != null && count > 0;
    }

    private String consumer() {
        String group = KafkaUtils.getConsumerGroupId();
        return group != null ? group : defaultConsumer;
    }
}
