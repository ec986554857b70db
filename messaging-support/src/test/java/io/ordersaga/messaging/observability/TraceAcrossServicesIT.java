package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.observability.downstream.DownstreamApplication;
import io.ordersaga.messaging.observability.upstream.UpstreamApplication;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One saga across two services is one trace: upstream writes PaymentCompleted to its outbox inside a span, its relay
 * sends it later from another thread, downstream handles it and writes InventoryReleased to its own outbox, which its
 * relay sends. Each service records its spans in an in-memory exporter.
 */
class TraceAcrossServicesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext upstream;
    private static ConfigurableApplicationContext downstream;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startServices() {
        upstream = Services.start(UpstreamApplication.class, "trace-upstream", "");
        downstream = Services.start(DownstreamApplication.class, "trace-downstream", Topics.PAYMENT_EVENTS);
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void stopServices() {
        kafka.close();
        downstream.close();
        upstream.close();
    }

    @Test
    void oneOrdersEventsOnTwoServicesShareOneTraceThroughBothOutboxes() {
        UUID orderId = UUID.randomUUID();
        String traceId = publishInASpan(orderId);

        // Each service exports its spans on its own schedule, so wait until both have exported the whole trace.
        await().atMost(WAIT).untilAsserted(() -> assertOneTrace(orderId, traceId));
    }

    private static void assertOneTrace(UUID orderId, String traceId) {
        List<SpanData> upstreamSpans = spans(upstream, traceId);
        List<SpanData> downstreamSpans = spans(downstream, traceId);
        SpanData downstreamSend = ofKind(downstreamSpans, SpanKind.PRODUCER);

        SpanData checkout = named(upstreamSpans, "checkout");
        SpanData upstreamRelay = named(upstreamSpans, TracerOutboxTracing.SPAN_NAME);
        SpanData upstreamSend = ofKind(upstreamSpans, SpanKind.PRODUCER);
        assertThat(upstreamRelay.getParentSpanId()).as("the relay continues the span that wrote the row")
                .isEqualTo(checkout.getSpanId());
        assertThat(upstreamSend.getParentSpanId()).isEqualTo(upstreamRelay.getSpanId());

        SpanData receive = ofKind(downstreamSpans, SpanKind.CONSUMER);
        SpanData downstreamRelay = named(downstreamSpans, TracerOutboxTracing.SPAN_NAME);
        assertThat(receive.getParentSpanId()).as("downstream continues the trace from the record's traceparent")
                .isEqualTo(upstreamSend.getSpanId());
        assertThat(downstreamRelay.getParentSpanId()).isEqualTo(receive.getSpanId());
        assertThat(downstreamSend.getParentSpanId()).isEqualTo(downstreamRelay.getSpanId());

        assertThat(traceparent(Topics.PAYMENT_EVENTS, orderId)).isEqualTo(w3c(upstreamSend));
        assertThat(traceparent(Topics.INVENTORY_EVENTS, orderId)).isEqualTo(w3c(downstreamSend));
    }

    /**
     * Parent-based sampling across both outboxes: an order whose root said "not sampled" carries its traceparent
     * with the flag 00 on every record and is exported by neither service, although both sample every root of their
     * own (probability 1.0), so neither starts a sampled trace of its own for it.
     */
    @Test
    void anUnsampledOrderStaysUnsampledThroughBothOutboxesAndIsExportedNowhere() {
        int upstreamBefore = finished(upstream).size();
        int downstreamBefore = finished(downstream).size();
        UUID orderId = UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        publishInASpan(orderId, "00-" + traceId + "-00f067aa0ba902b7-00");

        assertThat(traceparent(Topics.PAYMENT_EVENTS, orderId)).startsWith("00-" + traceId + "-").endsWith("-00");
        await().atMost(WAIT).untilAsserted(() -> assertThat(traceparent(Topics.INVENTORY_EVENTS, orderId))
                .as("downstream continues the unsampled trace").startsWith("00-" + traceId + "-").endsWith("-00"));

        // A sampled order published afterwards is exported by both, so the unsampled one had its chance to be.
        UUID sampled = UUID.randomUUID();
        String sampledTrace = publishInASpan(sampled);
        await().atMost(WAIT).untilAsserted(() -> assertOneTrace(sampled, sampledTrace));
        assertThat(finished(upstream).subList(upstreamBefore, finished(upstream).size()))
                .as("spans upstream exported since the unsampled order")
                .allMatch(span -> span.getTraceId().equals(sampledTrace));
        assertThat(finished(downstream).subList(downstreamBefore, finished(downstream).size()))
                .as("spans downstream exported since the unsampled order: none of a trace of its own")
                .allMatch(span -> span.getTraceId().equals(sampledTrace));
    }

    @Test
    void exportsNothingOverOtlpWithoutAnEndpoint() {
        assertThat(upstream.getBeanProvider(OtlpHttpSpanExporter.class).getIfAvailable()).isNull();
        assertThat(downstream.getBeanProvider(OtlpHttpSpanExporter.class).getIfAvailable()).isNull();
    }

    /** As a request handler of upstream would: a span, and in it a transaction that writes to the outbox. */
    private static String publishInASpan(UUID orderId) {
        return publishInASpan(orderId, null);
    }

    /** @param parent the W3C traceparent of the caller whose sampling decision the span follows, or null for a root */
    private static String publishInASpan(UUID orderId, String parent) {
        Tracer tracer = upstream.getBean(Tracer.class);
        EventPublisher events = upstream.getBean(EventPublisher.class);
        TransactionTemplate transaction = upstream.getBean(TransactionTemplate.class);
        Span checkout = parent == null ? tracer.nextSpan().name("checkout").start()
                : upstream.getBean(Propagator.class).extract(Map.of("traceparent", parent), Map::get)
                        .name("checkout").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(checkout)) {
            transaction.executeWithoutResult(tx -> events.publish(
                    new PaymentCompleted(orderId, "traced", UUID.randomUUID(), new BigDecimal("9.99"), "EUR")));
        } finally {
            checkout.end();
        }
        return checkout.context().traceId();
    }

    private static List<SpanData> finished(ConfigurableApplicationContext service) {
        return service.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
    }

    private static List<SpanData> spans(ConfigurableApplicationContext service, String traceId) {
        return finished(service).stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        assertThat(spans).as("spans named %s", name).filteredOn(span -> span.getName().equals(name)).hasSize(1);
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
    }

    private static SpanData ofKind(List<SpanData> spans, SpanKind kind) {
        assertThat(spans).as("%s spans", kind).filteredOn(span -> span.getKind() == kind).hasSize(1);
        return spans.stream().filter(span -> span.getKind() == kind).findFirst().orElseThrow();
    }

    private static String traceparent(String topic, UUID orderId) {
        List<ConsumerRecord<String, String>> records = kafka.records(topic).stream()
                .filter(record -> orderId.toString().equals(record.key())).toList();
        assertThat(records).as("records about the order on %s", topic).hasSize(1);
        return EventHeaders.text(records.get(0).headers(), "traceparent");
    }

    private static String w3c(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }
}
