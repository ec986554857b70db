package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.outbox.OutboxRelay.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Sends outbox rows to Kafka so that each key's rows reach the broker in their order, even when a send fails. */
final class KeyOrderedSender {

    private static final Logger log = LoggerFactory.getLogger(KeyOrderedSender.class);

    private final KafkaTemplate<String, Object> kafka;
    private final OutboxTracing tracing;

    KeyOrderedSender(KafkaTemplate<String, Object> kafka, OutboxTracing tracing) {
        this.kafka = kafka;
        this.tracing = tracing;
    }

    /**
     * Sends the rows and returns the ids the broker acknowledged. The rows go in waves: the first row of each key,
     * then, once the broker has answered all of those, the second row of each key, and so on. A key whose row failed
     * sends none of its later rows: they stay behind it, for the next attempt. Sent all at once, a failed row could
     * be overtaken by its key's next one. Most batches hold one row per key and so go in one wave.
     */
    List<Long> send(List<OutboxRow> rows) throws InterruptedException {
        List<Long> acknowledged = new ArrayList<>(rows.size());
        Set<String> failedKeys = new HashSet<>();
        List<OutboxRow> waiting = rows;
        while (!waiting.isEmpty()) {
            Set<String> keys = new HashSet<>();
            List<OutboxRow> wave = new ArrayList<>();
            List<OutboxRow> later = new ArrayList<>();
            for (OutboxRow row : waiting) {
                if (!failedKeys.contains(row.key())) {
                    (keys.add(row.key()) ? wave : later).add(row);
                }
            }
            sendWave(wave, acknowledged, failedKeys);
            waiting = later;
        }
        return acknowledged;
    }

    private void sendWave(List<OutboxRow> wave, List<Long> acknowledged, Set<String> failedKeys)
            throws InterruptedException {
        List<CompletableFuture<?>> acks = new ArrayList<>(wave.size());
        for (OutboxRow row : wave) {
            acks.add(tracing.send(row.traceParent(), row.topic(), () -> kafka.send(record(row))));
        }
        // The wave is complete, so the producer need not linger (linger.ms) for more records: send it now.
        kafka.flush();
        for (int i = 0; i < wave.size(); i++) {
            OutboxRow row = wave.get(i);
            try {
                acks.get(i).get();
                acknowledged.add(row.id());
            } catch (ExecutionException e) {
                failedKeys.add(row.key());
                log.warn("Broker did not acknowledge outbox event {} ({}); it stays unsent: {}", row.eventId(),
                        row.eventType(), e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
    }

    private static ProducerRecord<String, Object> record(OutboxRow row) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.key(),
                row.payload().getBytes(StandardCharsets.UTF_8));
        EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, row.eventType());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, row.eventId());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_VERSION, Integer.toString(row.eventVersion()));
        return record;
    }
}
