package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.kafka.EventHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A broker that times out the records a test chooses and takes every other; remembers the event types it was handed,
 * in order.
 */
class RefusingTemplate extends KafkaTemplate<String, Object> {

    final List<String> handedOver = Collections.synchronizedList(new ArrayList<>());
    private final Predicate<ProducerRecord<String, Object>> refuse;

    RefusingTemplate(DefaultKafkaProducerFactory<String, Object> producers,
                     Predicate<ProducerRecord<String, Object>> refuse) {
        super(producers);
        this.refuse = refuse;
    }

    /** Refuses the first record of {@code key}, once. */
    static RefusingTemplate firstSendOf(String key, DefaultKafkaProducerFactory<String, Object> producers) {
        boolean[] refused = {false};
        return new RefusingTemplate(producers, record -> {
            synchronized (refused) {
                if (key.equals(record.key()) && !refused[0]) {
                    refused[0] = true;
                    return true;
                }
                return false;
            }
        });
    }

    @Override
    public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
        handedOver.add(EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE));
        if (refuse.test(record)) {
            return CompletableFuture.failedFuture(new TimeoutException("test: refused " + record.key()));
        }
        return super.send(record);
    }
}
