package io.ordersaga.order.view;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.web.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the read models from offset 0 without downtime:
 * <ol>
 *   <li>copy the table definitions (owned by Flyway) into an empty schema {@code views_rebuild};</li>
 *   <li>replay every saga topic from the beginning into it, while the live views keep serving and updating;</li>
 *   <li>pause the live projection, replay the few records that arrived meanwhile;</li>
 *   <li>swap the schemas in one transaction, and resume the live projection.</li>
 * </ol>
 * The rebuilt position table moves with the tables, so the resumed projection skips every record the rebuild
 * applied already and goes on exactly where the rebuild stopped. The live projection shares its consumer with the
 * timeline ({@link ReadModelListener}), so the timeline pauses with it and catches up on resume; the rebuild writes
 * nothing but the views' schema.
 */
@Component
class ViewRebuilder {

    static final String REBUILD = "views_rebuild";
    /** The rebuild's consumer is assigned its partitions; the group only names it. */
    private static final String GROUP = "order-service-views-rebuild";
    private static final String RETIRED = "views_retired";
    private static final List<String> TABLES = List.of("order_summary", "daily_revenue", "position");
    private static final Logger log = LoggerFactory.getLogger(ViewRebuilder.class);

    private final ConsumerFactory<Object, Object> consumers;
    private final KafkaListenerEndpointRegistry listeners;
    private final OrderViewProjection projection;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AtomicBoolean running = new AtomicBoolean();

    ViewRebuilder(ConsumerFactory<Object, Object> consumers, KafkaListenerEndpointRegistry listeners,
                  OrderViewProjection projection, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.consumers = consumers;
        this.listeners = listeners;
        this.projection = projection;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    record Result(long recordsReplayed, Duration took) {
    }

    Result rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw new ConflictException("A rebuild of the views is running already");
        }
        Instant started = Instant.now();
        try (Consumer<Object, Object> consumer = consumers.createConsumer(GROUP, "rebuild")) {
            createEmptyCopy();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.SAGA_TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long replayed = replayUntilEnd(consumer, partitions);
            MessageListenerContainer live = listeners.getListenerContainer(ReadModelListener.ID);
            pause(live);
            try {
                replayed += replayUntilEnd(consumer, partitions);
                swap();
            } finally {
                if (live != null) {
                    live.resume();
                }
            }
            Duration took = Duration.between(started, Instant.now());
            log.info("Rebuilt the order views from {} records in {} ms", replayed, took.toMillis());
            return new Result(replayed, took);
        } finally {
            running.set(false);
        }
    }

    private void createEmptyCopy() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + REBUILD + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + REBUILD);
        for (String table : TABLES) {
            jdbc.execute("CREATE TABLE " + REBUILD + "." + table + " (LIKE " + OrderViews.LIVE + "." + table
                    + " INCLUDING ALL)");
        }
    }

    @SuppressWarnings("unchecked")
    private long replayUntilEnd(Consumer<Object, Object> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long replayed = 0;
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                // A record that cannot be read (it went to the dead-letter topic) only moves the position on.
                EventEnvelope<SagaEvent> envelope = record.value() instanceof EventEnvelope<?> readable
                        ? (EventEnvelope<SagaEvent>) readable : null;
                projection.apply(REBUILD, record.topic(), record.partition(), record.offset(), envelope);
                replayed++;
            }
        }
        return replayed;
    }

    private static void pause(MessageListenerContainer live) {
        if (live == null || !live.isRunning()) {
            return;
        }
        live.pause();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!live.isContainerPaused()) {
            if (Instant.now().isAfter(deadline)) {
                live.resume();
                throw new IllegalStateException("The live view projection did not pause within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                live.resume();
                throw new IllegalStateException("Interrupted while pausing the live view projection", e);
            }
        }
    }

    private void swap() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("ALTER SCHEMA " + OrderViews.LIVE + " RENAME TO " + RETIRED);
            jdbc.execute("ALTER SCHEMA " + REBUILD + " RENAME TO " + OrderViews.LIVE);
            jdbc.execute("DROP SCHEMA " + RETIRED + " CASCADE");
        });
    }
}
