package io.ordersaga.messaging.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.ordersaga.messaging.outbox.OutboxTracing;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link OutboxTracing} on Micrometer Tracing. The row keeps the writer's span as a W3C {@code traceparent}; the relay
 * opens an {@code outbox relay} span as its child and sends inside it, so the Kafka template's producer span, and
 * with it the record's {@code traceparent} header, belong to the writer's trace.
 */
final class TracerOutboxTracing implements OutboxTracing {

    static final String TRACEPARENT = "traceparent";
    static final String SPAN_NAME = "outbox relay";

    private final Tracer tracer;
    private final Propagator propagator;

    TracerOutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public String currentTraceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    @Override
    public <T> CompletableFuture<T> send(String traceParent, String topic, Supplier<CompletableFuture<T>> send) {
        if (traceParent == null) {
            return send.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get)
                .name(SPAN_NAME)
                .tag("messaging.destination.name", topic)
                .start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return send.get().whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
    }
}
