package io.ordersaga.messaging.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Carries the trace of the transaction that writes an outbox row over to the record the relay later sends for it.
 * The publisher stores {@link #currentTraceParent()} with the row; the relay sends the row through
 * {@link #send}, so the record's {@code traceparent} header continues that trace instead of starting a new one.
 */
public interface OutboxTracing {

    /** Without a tracer: nothing is stored and records are sent as they are. */
    OutboxTracing NONE = new OutboxTracing() {
        @Override
        public String currentTraceParent() {
            return null;
        }

        @Override
        public <T> CompletableFuture<T> send(String traceParent, String topic, Supplier<CompletableFuture<T>> send) {
            return send.get();
        }
    };

    /** The current span as a W3C {@code traceparent}, or {@code null} outside any trace. */
    String currentTraceParent();

    /**
     * Runs {@code send} as part of the trace {@code traceParent} names, until the broker answers; with {@code null}
     * it just runs it.
     */
    <T> CompletableFuture<T> send(String traceParent, String topic, Supplier<CompletableFuture<T>> send);
}
