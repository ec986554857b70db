package io.ordersaga.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ordersaga.messaging.MessagingProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Inbox rows older than the retention window go, in bounded batches, one instance at a time; newer rows stay. */
class InboxRetentionIT {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final RetentionDatabase db = new RetentionDatabase("inbox_retention");

    @BeforeEach
    void emptyInbox() {
        db.jdbc.update("DELETE FROM messaging.inbox");
    }

    private static InboxRetention retention(Duration window, int batchSize, Duration interval) {
        MessagingProperties.Inbox config = new MessagingProperties.Inbox();
        config.setRetention(window);
        config.setRetentionBatchSize(batchSize);
        config.setRetentionInterval(interval);
        return new InboxRetention(db.dataSource, config);
    }

    private static InboxRetention weekly(int batchSize) {
        return retention(WEEK, batchSize, Duration.ofMinutes(10));
    }

    @Test
    void removesRowsOlderThanTheWindowAndKeepsNewerOnes() throws Exception {
        db.insert("inventory-service", 30, WEEK.plusHours(1));
        db.insert("inventory-service", 20, WEEK.minusHours(1));
        db.insert("inventory-service", 10, Duration.ZERO);

        InboxRetention.Pass pass = weekly(5_000).removeExpired();

        assertThat(pass.removed()).isEqualTo(30);
        assertThat(db.count("true")).isEqualTo(30);
        assertThat(db.count("processed_at < now() - interval '7 days'")).isZero();
    }

    @Test
    void judgesEachConsumersRowsByTheirOwnAge() throws Exception {
        UUID event = UUID.randomUUID();
        db.jdbc.update("""
                INSERT INTO messaging.inbox (consumer, event_id, event_type, processed_at) VALUES
                ('order-service', ?, 'PaymentCompleted', now() - interval '8 days'),
                ('order-timeline', ?, 'PaymentCompleted', now() - interval '6 days')""", event, event);

        weekly(5_000).removeExpired();

        assertThat(db.jdbc.queryForList("SELECT consumer FROM messaging.inbox WHERE event_id = ?", String.class, event))
                .containsExactly("order-timeline");
    }

    @Test
    void removesManyRowsInBoundedBatches() throws Exception {
        db.insert("payment-service", 1_050, WEEK.plusDays(1));
        db.insert("payment-service", 10, Duration.ofMinutes(1));

        InboxRetention.Pass pass = weekly(100).removeExpired();

        assertThat(pass).isEqualTo(new InboxRetention.Pass(true, 1_050, 11));
        assertThat(db.count("true")).isEqualTo(10);
    }

    @Test
    void leavesThePassToTheInstanceHoldingTheLock() throws Exception {
        db.insert("shipping-service", 1_000, WEEK.plusDays(1));
        InboxRetention first = weekly(10); // a hundred batches, each followed by a pause: a pass of seconds
        InboxRetention second = weekly(10);

        CompletableFuture<InboxRetention.Pass> running = CompletableFuture.supplyAsync(() -> {
            try {
                return first.removeExpired();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("true") < 1_000);
        InboxRetention.Pass skipped = second.removeExpired();

        assertThat(skipped.ran()).as("the second instance while the first one's pass runs").isFalse();
        assertThat(running.get().removed()).isEqualTo(1_000);
    }

    @Test
    void skipsItsTurnWhileAnotherSessionHoldsTheLock() throws Exception {
        db.insert("shipping-service", 5, WEEK.plusDays(1));
        try (Connection other = db.dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement(
                     "SELECT pg_advisory_lock(hashtext('ordersaga.inbox-retention'))")) {
            lock.execute();

            assertThat(weekly(5_000).removeExpired().ran()).isFalse();
            assertThat(db.count("true")).isEqualTo(5);
        }
        assertThat(weekly(5_000).removeExpired().removed()).as("once the other session ended").isEqualTo(5);
    }

    @Test
    void runsOnItsOwnScheduleOnceStarted() {
        db.insert("order-service", 3, WEEK.plusDays(1));
        InboxRetention retention = retention(WEEK, 5_000, Duration.ofMillis(200));
        try {
            retention.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("true") == 0);
        } finally {
            retention.stop();
        }
        assertThat(retention.isRunning()).isFalse();
    }

    @Test
    void doesNothingWhenSwitchedOff() throws Exception {
        db.insert("order-service", 3, Duration.ofDays(365));
        InboxRetention off = retention(Duration.ZERO, 5_000, Duration.ofMillis(50));

        off.start();
        Thread.sleep(500); // ten intervals

        assertThat(off.isEnabled()).isFalse();
        assertThat(off.isRunning()).isFalse();
        assertThat(db.count("true")).isEqualTo(3);
    }

    @Test
    void warnsAtStartWhenTheWindowIsShorterThanADay() {
        Logger logger = (Logger) LoggerFactory.getLogger(InboxRetention.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            for (Duration window : new Duration[] {WEEK, Duration.ofHours(1)}) {
                InboxRetention retention = retention(window, 5_000, Duration.ofMinutes(10));
                retention.start();
                retention.stop();
            }
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("only PT1H", "ordersaga.messaging.inbox.retention"));
    }

    @Test
    void refusesANegativeWindowAndANonPositiveBatchOrInterval() {
        assertThatIllegalArgumentException().isThrownBy(() -> retention(Duration.ofDays(-1), 10, Duration.ofMinutes(1)))
                .withMessageContaining("ordersaga.messaging.inbox.retention");
        assertThatIllegalArgumentException().isThrownBy(() -> retention(WEEK, 0, Duration.ofMinutes(1)))
                .withMessageContaining("retention-batch-size");
        assertThatIllegalArgumentException().isThrownBy(() -> retention(WEEK, 10, Duration.ZERO))
                .withMessageContaining("retention-interval");
    }
}
