package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ordersaga.events.ServiceStarted;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient.Line;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.systemtests.observability.Dashboard;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 on the running suite: one order is one trace on every topic, every metric the Grafana dashboard reads is
 * exported by the services, and every service announced its start on system.events.
 *
 * <p>The four services run in this JVM, so their Prometheus registries are in Micrometer's global registry (Boot adds
 * each one); {@code scrape()} is what {@code /actuator/prometheus} answers.
 */
class ObservabilityIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static SagaClient saga;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startSuite() {
        saga = RunningSuite.client();
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void everyRecordOfOneOrderOnEverySagaTopicCarriesTheSameTraceId() throws InterruptedException {
        UUID orderId = completedOrder();

        Set<String> traceIds = new TreeSet<>();
        Set<String> topics = new TreeSet<>();
        for (String topic : Topics.SAGA_TOPICS) {
            for (ConsumerRecord<String, String> record : kafka.records(topic)) {
                if (orderId.toString().equals(record.key())) {
                    String traceparent = EventHeaders.text(record.headers(), "traceparent");
                    assertThat(traceparent).as("traceparent of %s on %s", EventHeaders.text(record.headers(),
                            EventHeaders.EVENT_TYPE), topic).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
                    traceIds.add(traceparent.split("-")[1]);
                    topics.add(topic);
                }
            }
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.SAGA_TOPICS);
        assertThat(traceIds).as("trace ids of the order's records").hasSize(1);
    }

    @Test
    void everyMetricTheDashboardReadsIsExportedByTheRunningServices() throws InterruptedException {
        completedOrder();
        Set<String> wanted = Dashboard.load().metricNames();
        assertThat(wanted).isNotEmpty();

        // The lag and dead-letter gauges refresh every 10 s.
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(exportedMetricNames()).containsAll(wanted);
            String scrape = scrape();
            for (Service service : Service.values()) {
                String application = RunningSuite.name(service);
                assertThat(scrape).as(application).contains(
                        "ordersaga_outbox_backlog{application=\"" + application + "\"}",
                        "ordersaga_consumer_lag{application=\"" + application + "\",group=\"" + application + "\"",
                        // one timer per saga record handled, from the inbox's observation of it
                        "spring_kafka_listener_seconds_count{application=\"" + application + "\",error=\"none\","
                                + "messaging_kafka_consumer_group=\"" + application + "\"");
            }
        });
    }

    @Test
    void everyServiceAnnouncedItsStartOnSystemEvents() {
        Set<String> services = Arrays.stream(Service.values()).map(RunningSuite::name).collect(Collectors.toSet());

        await().atMost(SETTLE).untilAsserted(() -> assertThat(kafka.records(Topics.SYSTEM_EVENTS).stream()
                .filter(record -> ServiceStarted.TYPE.equals(EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)))
                .map(ConsumerRecord::key).collect(Collectors.toSet())).containsAll(services));
    }

    private static UUID completedOrder() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sku = "TRACE-" + run.toUpperCase();
        String customer = "tracer-" + run;
        saga.createProduct(sku, "Traced book", new BigDecimal("10.00"), 5);
        saga.createAccount(customer, new BigDecimal("100.00"));
        UUID orderId = UUID.fromString(saga.placeOrder(customer, List.of(new Line(sku, 1)), "DE")
                .path("orderId").asString());
        assertThat(new InvariantChecker(saga).awaitTerminal(List.of(orderId), SETTLE).get(0).path("status").asString())
                .isEqualTo("COMPLETED");
        return orderId;
    }

    /** What /actuator/prometheus answers, for every service running in this JVM. */
    private static String scrape() {
        return Metrics.globalRegistry.getRegistries().stream()
                .filter(PrometheusMeterRegistry.class::isInstance).map(PrometheusMeterRegistry.class::cast)
                .map(PrometheusMeterRegistry::scrape).collect(Collectors.joining("\n"));
    }

    private static Set<String> exportedMetricNames() {
        return scrape().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }
}
