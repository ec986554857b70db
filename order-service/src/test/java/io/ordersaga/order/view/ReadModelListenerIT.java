package io.ordersaga.order.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.TransactionsOnThread;
import io.ordersaga.order.config.SagaConfiguration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * The timeline and the views on one consumer: one transaction per poll for both, and a start that neither misses
 * nor repeats a record when the views are behind the group. The listener is called on the test thread as its
 * container calls it (with the group set), on a topic of each test's own, so the live consumer's positions stay apart.
 */
class ReadModelListenerIT extends IntegrationTestSupport {

    @Autowired ReadModelListener listener;
    @Autowired OrderViewProjection projection;
    @Autowired OrderViews views;
    @Autowired TransactionsOnThread transactions;
    @Autowired KafkaListenerEndpointRegistry listeners;

    private final String topic = "read-models-it-" + UUID.randomUUID();

    @BeforeEach
    void actAsTheListenersThread() {
        KafkaUtils.setConsumerGroupId(SagaConfiguration.TIMELINE_GROUP);
    }

    @AfterEach
    void clear() {
        KafkaUtils.clearConsumerGroupId();
        jdbc.execute("DROP TRIGGER IF EXISTS read_models_it_fails ON views.order_summary");
    }

    @Test
    void aPollWritesTheTimelineAndTheViewsInOneTransaction() throws Exception {
        List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> poll = new ArrayList<>();
        for (int offset = 0; offset < 20; offset++) {
            poll.add(completed(offset % 3, offset));
        }

        List<String> begun = transactions.begunBy(() -> {
            listener.on(poll);
            return null;
        });

        assertThat(begun).as("transactions begun for a poll of 20").hasSize(1);
        assertThat(poll).allSatisfy(record -> {
            assertThat(onTimeline(record)).isTrue();
            assertThat(inViews(record)).isTrue();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ANY(?)",
                Integer.class, SagaConfiguration.TIMELINE_GROUP, ids(poll))).isEqualTo(20);
    }

    @Test
    void aRecordWhoseViewsFailLeavesNoTimelineRowWhileTheRecordsBeforeItAreKept() {
        var kept = completed(0, 0);
        var failing = completed(0, 1);
        var after = completed(0, 2);
        // A real failure of the views' write, for this one order only.
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION read_models_it_fail() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the views cannot take this order'; END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER read_models_it_fails BEFORE INSERT ON views.order_summary FOR EACH ROW"
                + " WHEN (NEW.order_id = '" + failing.value().data().orderId() + "')"
                + " EXECUTE FUNCTION read_models_it_fail()");

        assertThatThrownBy(() -> listener.on(List.of(kept, failing, after)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failure -> assertThat(failure.getIndex()).isEqualTo(1));

        assertThat(onTimeline(kept)).isTrue();
        assertThat(inViews(kept)).isTrue();
        assertThat(onTimeline(failing)).as("the timeline row of a record whose views failed").isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?",
                Integer.class, SagaConfiguration.TIMELINE_GROUP, failing.value().eventId())).isZero();
        assertThat(onTimeline(after)).as("not written before the failing record is retried or dead-lettered").isFalse();
        assertThat(views.position().get(topic)).containsExactly(Map.entry(0, 1L));
    }

    @Test
    void aPoisonRecordGoesToTheErrorHandlerOnceTheRecordsBeforeItAreWrittenAndTheViewsMovePastIt() {
        var before = completed(0, 0);
        ConsumerRecord<String, EventEnvelope<SagaEvent>> poison = new ConsumerRecord<>(topic, 0, 1, "key", null);
        var after = completed(0, 2);

        assertThatThrownBy(() -> listener.on(List.of(before, poison, after)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failure -> assertThat(failure.getIndex()).isEqualTo(1));

        assertThat(onTimeline(before)).isTrue();
        assertThat(inViews(before)).isTrue();
        assertThat(onTimeline(after)).isFalse();
        // A restart after the dead letter starts here, not at the poison record again (onPartitionsAssigned).
        assertThat(views.position().get(topic)).containsExactly(Map.entry(0, 2L));
    }

    @Test
    void aPartitionWhereTheViewsAreBehindTheGroupStartsAtTheViewsPosition() {
        projection.applyAll(OrderViews.LIVE, List.of(completed(0, 4), completed(1, 9)));
        ConsumerSeekAware.ConsumerSeekCallback callback = mock(ConsumerSeekAware.ConsumerSeekCallback.class);

        listener.onPartitionsAssigned(Map.of(
                new TopicPartition(topic, 0), 7L,   // the group is ahead of the views (views 5): back to 5
                new TopicPartition(topic, 1), 10L,  // the views are where the group is: no seek
                new TopicPartition(topic, 2), 3L),  // the views never saw this partition: from 0
                callback);

        verify(callback).seek(topic, 0, 5L);
        verify(callback).seek(topic, 2, 0L);
        verifyNoMoreInteractions(callback);
    }

    /**
     * An upgrade from two consumers, where the views' old group lagged the timeline's: the views lost the last
     * record of a partition and their position is back before it, while the group has consumed it. On restart
     * the consumer reads it again: the views apply it (once), the timeline's inbox skips it.
     */
    @Test
    void aRestartedConsumerCatchesTheViewsUpWithoutRepeatingTheTimeline() {
        LocalDate day = LocalDate.of(1997, 1, 1);
        EventEnvelope<SagaEvent> event = Completions.completed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), "7.00");
        kafka.send(event);
        UUID orderId = event.data().orderId();
        await().atMost(WAIT).until(() -> onTimeline(event) && inViews(orderId));
        ConsumerRecord<String, String> record = kafka.records(Topics.ORDER_EVENTS).stream()
                .filter(candidate -> candidate.key().equals(orderId.toString())).findFirst().orElseThrow();
        MessageListenerContainer container = listeners.getListenerContainer(ReadModelListener.ID);
        container.stop();
        try {
            assertThat(views.position().get(Topics.ORDER_EVENTS)).as("the event is its partition's last")
                    .containsEntry(record.partition(), record.offset() + 1);
            jdbc.update("DELETE FROM views.order_summary WHERE order_id = ?", orderId);
            jdbc.update("DELETE FROM views.daily_revenue WHERE day = ?", day);
            jdbc.update("UPDATE views.position SET next_offset = ? WHERE topic = ? AND partition = ?",
                    record.offset(), Topics.ORDER_EVENTS, record.partition());
        } finally {
            container.start();
        }

        await().atMost(WAIT).until(() -> inViews(orderId));
        assertThat(views.revenue(day, day)).singleElement()
                .satisfies(revenue -> assertThat(revenue.revenue()).isEqualByComparingTo("7.00"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timeline_event WHERE order_id = ?", Integer.class,
                orderId)).isEqualTo(1);
    }

    private boolean onTimeline(ConsumerRecord<String, EventEnvelope<SagaEvent>> record) {
        return onTimeline(record.value());
    }

    private boolean onTimeline(EventEnvelope<SagaEvent> event) {
        return jdbc.queryForObject("SELECT count(*) FROM timeline_event WHERE event_id = ?", Integer.class,
                event.eventId()) == 1;
    }

    private boolean inViews(ConsumerRecord<String, EventEnvelope<SagaEvent>> record) {
        return inViews(record.value().data().orderId());
    }

    private boolean inViews(UUID orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM views.order_summary WHERE order_id = ?"
                + " AND status = 'COMPLETED'", Integer.class, orderId) == 1;
    }

    private static UUID[] ids(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        return records.stream().map(record -> record.value().eventId()).toArray(UUID[]::new);
    }

    private ConsumerRecord<String, EventEnvelope<SagaEvent>> completed(int partition, long offset) {
        return Completions.polled(topic, partition, offset, Instant.parse("1999-01-01T12:00:00Z"), "1.00");
    }
}
