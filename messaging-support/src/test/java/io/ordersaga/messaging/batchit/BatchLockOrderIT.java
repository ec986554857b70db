package io.ordersaga.messaging.batchit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.OrderPlaced;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Two batches that share orders, each handler locking its order as saga handlers do, but in opposite orders: without
 * the batch's up-front order locks they would deadlock, PostgreSQL would abort one after a second, and that batch's
 * handlers would all run again record by record. With them the second batch waits at its start, and every handler
 * runs exactly once.
 */
@SpringBootTest(classes = BatchTestApplication.class, properties = {
        "spring.kafka.consumer.group-id=" + BatchInboxIT.GROUP, "ordersaga.test.database=messaging_batch_it"})
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class BatchLockOrderIT {

    @Autowired Inbox inbox;
    @Autowired JdbcTemplate jdbc;

    @Test
    void twoBatchesThatLockTheSameOrdersInOppositeOrdersDoNotDeadlock() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch oneBatchHoldsAnOrder = new CountDownLatch(1);
        CountDownLatch otherBatchHoldsAnOrder = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> forward = threads.submit(() -> inbox.handleBatch(BatchRecords.placed(first, second),
                    EventHandlers.on(OrderPlaced.class,
                            placed -> handle(placed, runs, oneBatchHoldsAnOrder, otherBatchHoldsAnOrder))));
            Future<?> backward = threads.submit(() -> inbox.handleBatch(BatchRecords.placed(second, first),
                    EventHandlers.on(OrderPlaced.class,
                            placed -> handle(placed, runs, otherBatchHoldsAnOrder, oneBatchHoldsAnOrder))));
            forward.get(60, TimeUnit.SECONDS);
            backward.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(runs).hasSize(4);
        assertThat(runs.values()).as("handler runs per event: a deadlock would have run a batch again")
                .allSatisfy(count -> assertThat(count).hasValue(1));
    }

    /** Locks the order like a saga handler; the first record of each batch waits (briefly) for the other batch. */
    private void handle(OrderPlaced placed, Map<UUID, AtomicInteger> runs, CountDownLatch mine,
                        CountDownLatch theirs) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?)) IS NULL", Boolean.class,
                "batch-lock-order-it:" + placed.orderId());
        UUID eventId = UUID.fromString(MessageContext.current().orElseThrow().causationId());
        runs.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        if (mine.getCount() > 0) {
            mine.countDown();
            try {
                // Without up-front locks the other batch now holds its first order and wants this one's.
                theirs.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
