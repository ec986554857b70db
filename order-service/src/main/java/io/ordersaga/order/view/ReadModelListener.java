package io.ordersaga.order.view;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Batches;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.kafka.ReadModelFetch;
import io.ordersaga.order.application.TimelineService;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.order.config.SagaConfiguration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * order-service's read models, the order timeline and the views, fed from all four saga topics by one consumer:
 * one fetch, one poll and one transaction per poll for both, in a consumer group of their own so they never hold
 * up the saga's listeners. It fetches like every read model ({@link ReadModelFetch}): a few records at a time, at
 * most a fifth of a second late.
 *
 * <p>In that transaction the timeline records the poll's events in the inbox (consumer = the group) and writes the
 * fresh ones in one statement; the views apply every record their position table does not reflect yet, skipping
 * by offset as they always did, so a rebuild by replay ({@link ViewRebuilder}) still equals them. If the poll fails
 * as a whole, each record is written again in a transaction of its own, and the one that still fails goes to the
 * error handler (retried, then dead-lettered) with the records before it kept. A poison record is dead-lettered once
 * the records before it are committed; the views' position moves past it in that transaction, as in a rebuild.
 *
 * <p>The group is the timeline's old group ({@value SagaConfiguration#TIMELINE_GROUP}), so the timeline keeps its
 * offsets, its inbox rows and its dead-letter topics. The views had a group of their own ({@code
 * order-service-views}); where they are behind the group's offsets (an upgrade, views that were lagging), the
 * consumer starts each such partition at the views' position instead ({@link #onPartitionsAssigned}): the views
 * catch up, and the timeline's inbox skips what it had.
 *
 * <p>Absent where the read models are off ({@link ReadModels}).
 */
@Component
@ConditionalOnProperty(name = ReadModels.ENABLED, havingValue = "true", matchIfMissing = true)
class ReadModelListener implements ConsumerSeekAware {

    static final String ID = "order-read-models";

    private static final Logger log = LoggerFactory.getLogger(ReadModelListener.class);

    private final Inbox inbox;
    private final TimelineService timeline;
    private final OrderViewProjection views;
    private final OrderViews live;
    private final TransactionTemplate transaction;

    ReadModelListener(Inbox inbox, TimelineService timeline, OrderViewProjection views, OrderViews live,
                      TransactionTemplate transaction) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.views = views;
        this.live = live;
        this.transaction = transaction;
    }

    @KafkaListener(id = ID, groupId = SagaConfiguration.TIMELINE_GROUP, containerFactory = Inbox.BATCH_CONTAINER_FACTORY,
            topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.SHIPPING_EVENTS},
            properties = {ReadModelFetch.MIN_BYTES, ReadModelFetch.MAX_WAIT})
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        int poison = Batches.firstPoison(records);
        try {
            write(records.subList(0, Math.min(poison + 1, records.size())));
        } catch (RuntimeException batchFailure) {
            log.warn("A poll of {} record(s) failed as a whole ({}); writing them one by one", poison,
                    batchFailure.toString());
            for (int i = 0; i < poison; i++) {
                try {
                    write(records.subList(i, i + 1));
                } catch (RuntimeException failure) {
                    throw Batches.failed(failure, i);
                }
            }
        }
        if (poison < records.size()) {
            throw Batches.poison(records, poison);
        }
    }

    /** Both read models in one transaction; only the last record may be poison (it moves the views' position). */
    private void write(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> readable = records.subList(0,
                Batches.firstPoison(records));
        transaction.executeWithoutResult(status -> {
            List<Integer> fresh = inbox.recordFresh(readable);
            timeline.recordAll(fresh.stream().map(i -> readable.get(i).value()).toList());
            views.applyAll(OrderViews.LIVE, records);
        });
    }

    /** Starts a partition at the views' position where they are behind the group's (see the class comment). */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<String, Map<Integer, Long>> views = live.position();
        assignments.forEach((partition, position) -> {
            long next = views.getOrDefault(partition.topic(), Map.of()).getOrDefault(partition.partition(), 0L);
            if (next < position) {
                log.info("The views are at {} on {}, the group at {}: reading from {}", next, partition, position,
                        next);
                callback.seek(partition.topic(), partition.partition(), next);
            }
        });
    }
}
