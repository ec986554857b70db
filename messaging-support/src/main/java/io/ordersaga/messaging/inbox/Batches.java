package io.ordersaga.messaging.inbox;

import io.ordersaga.messaging.kafka.PoisonEventException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * What every batch listener needs to know about poison: a record that failed to deserialize reaches a batch
 * listener with a {@code null} value (a record listener never sees it). A batch listener handles the records before
 * the first poison record, then throws {@link #poison}: the error handler commits the offsets before it, sends it to
 * its dead-letter topic and delivers the rest again.
 */
public final class Batches {

    private static final LogAccessor LOG = new LogAccessor(Batches.class);

    private Batches() {
    }

    /** The index of the first poison record, or the size of the list when there is none. */
    public static int firstPoison(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null) {
                return i;
            }
        }
        return records.size();
    }

    /** The exception that hands the poison record at {@code index} to the error handler, with why it is poison. */
    public static BatchListenerFailedException poison(List<? extends ConsumerRecord<?, ?>> records, int index) {
        DeserializationException cause = SerializationUtils.getExceptionFromHeader(records.get(index),
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return new BatchListenerFailedException("poison record", cause != null ? cause
                : new PoisonEventException("empty record value"), index);
    }

    /** The exception that hands the record at {@code index}, which failed on its own, to the error handler. */
    public static BatchListenerFailedException failed(RuntimeException failure, int index) {
        return new BatchListenerFailedException(String.valueOf(failure.getMessage()), failure, index);
    }
}
