package io.ordersaga.messaging.batchit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link Inbox#handleAll}, the read models' batch: every fresh event of a poll in one call (so a read model can write
 * them in one statement), each event once, no order locks, and a failing event isolated like in a saga batch.
 */
@SpringBootTest(classes = BatchTestApplication.class, properties = {
        "spring.kafka.consumer.group-id=" + BatchInboxIT.GROUP, "ordersaga.test.database=messaging_batch_it"})
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class ReadModelBatchIT {

    @Autowired Inbox inbox;

    @Test
    void handsTheFreshEventsOfAPollOverAtOnceInTheOrderTheyCame() {
        var records = new ArrayList<>(BatchRecords.placed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        List<List<UUID>> calls = new ArrayList<>();
        inbox.handleAll(records.subList(0, 1), events -> calls.add(ids(events)));
        records.add(records.get(2)); // delivered twice in one poll

        inbox.handleAll(records, events -> calls.add(ids(events)));

        assertThat(calls).containsExactly(List.of(eventId(records.get(0))),
                List.of(eventId(records.get(1)), eventId(records.get(2))));
    }

    @Test
    void doesNotWaitForASagaBatchThatHoldsTheSameOrder() throws Exception {
        UUID orderId = UUID.randomUUID();
        CountDownLatch sagaHoldsTheOrder = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> saga = threads.submit(() -> inbox.handleBatch(BatchRecords.placed(orderId),
                    EventHandlers.on(OrderPlaced.class, placed -> {
                        sagaHoldsTheOrder.countDown();
                        await(release);
                    })));
            assertThat(sagaHoldsTheOrder.await(30, TimeUnit.SECONDS)).isTrue();
            List<UUID> seen = new CopyOnWriteArrayList<>();
            Future<?> readModel = threads.submit(() -> inbox.handleAll(BatchRecords.placed(orderId),
                    events -> seen.addAll(ids(events))));

            // With the saga's order locks the read model would wait here until the saga batch commits.
            readModel.get(30, TimeUnit.SECONDS);
            assertThat(seen).hasSize(1);
            assertThat(saga).isNotDone();
            release.countDown();
            saga.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingEventFailsAloneAndTheEventsBeforeItAreKept() {
        var records = BatchRecords.placed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        UUID poisonous = eventId(records.get(1));
        List<UUID> kept = new ArrayList<>();

        assertThatThrownBy(() -> inbox.handleAll(records, events -> {
            if (ids(events).contains(poisonous)) {
                throw new IllegalStateException("cannot project " + poisonous);
            }
            kept.addAll(ids(events));
        })).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failure -> assertThat(failure.getIndex()).isEqualTo(1));

        assertThat(kept).containsExactly(eventId(records.get(0)));
        List<UUID> again = new ArrayList<>();
        inbox.handleAll(records, events -> again.addAll(ids(events)));
        assertThat(again).as("the first event is recorded; the failed one and the one after it are not")
                .containsExactly(poisonous, eventId(records.get(2)));
    }

    private static List<UUID> ids(List<EventEnvelope<SagaEvent>> events) {
        return events.stream().map(EventEnvelope::eventId).toList();
    }

    private static UUID eventId(ConsumerRecord<String, EventEnvelope<SagaEvent>> record) {
        return record.value().eventId();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
