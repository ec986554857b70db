package io.ordersaga.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.OrderCompleted;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.outbox.OutboxRelay;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay sends rows in id order, so the rows of one key must commit in id order: a writer of a key draws its
 * row's id only once it holds the key's lock. The lock and the insert share one statement; this proves the order of
 * the two inside it. The relay is stopped meanwhile, so that the rows stay in the table (it deletes what it sent).
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class OutboxKeyOrderIT {

    @Autowired EventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxRelay relay;

    @Test
    void aWriterWaitingForItsKeyDrawsItsOutboxIdAfterWritersThatCameLater() throws Exception {
        UUID contended = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        relay.stop();
        try {
            // Another writer of the key holds its lock and has not committed yet.
            Future<?> holder = threads.submit(() -> transaction.executeWithoutResult(tx -> {
                jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?)) IS NULL", Boolean.class,
                        contended.toString());
                holding.countDown();
                awaitQuietly(release);
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> waiting = threads.submit(() -> transaction.executeWithoutResult(tx ->
                    events.publish(completed(contended))));
            await().atMost(Duration.ofSeconds(30)).until(this::aSessionWaitsForAnAdvisoryLock);

            transaction.executeWithoutResult(tx -> events.publish(completed(other)));
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            waiting.get(30, TimeUnit.SECONDS);

            assertThat(outboxId(contended)).isGreaterThan(outboxId(other));
        } finally {
            release.countDown();
            threads.shutdownNow();
            relay.start();
        }
    }

    private boolean aSessionWaitsForAnAdvisoryLock() {
        Integer waiting = jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'
                  AND query LIKE '%INSERT INTO messaging.outbox%'""",
                Integer.class);
        return waiting != null && waiting > 0;
    }

    private long outboxId(UUID orderId) {
        Long id = jdbc.queryForObject("SELECT id FROM messaging.outbox WHERE message_key = ?", Long.class,
                orderId.toString());
        return id == null ? -1 : id;
    }

    private static OrderCompleted completed(UUID orderId) {
        return new OrderCompleted(orderId, "alice", new BigDecimal("10.00"), "EUR");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
