package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.it.MessagingTestApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ContextConfiguration;

/** Consumer lag and dead-letter depth as the broker sees them. Same context as MessagingPlumbingIT. */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class KafkaGroupMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "messaging-it";
    private static final String DLT = Topics.deadLetter(Topics.ORDER_EVENTS, GROUP);

    @Autowired MeterRegistry registry;
    @Autowired KafkaGroupMetrics metrics;
    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void lagGrowsPerPartitionWhileTheGroupIsStoppedAndDrainsWhenItRuns() {
        metrics.refresh();
        await().atMost(WAIT).until(() -> totalLag() == 0);
        listeners.stop();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            for (int i = 0; i < 3; i++) {
                kafka.send(ListenerMetricsIT.placed(UUID.randomUUID(), "lagging"));
            }
            metrics.refresh();
            assertThat(totalLag()).isEqualTo(3);
            assertThat(lagGauges()).allSatisfy(gauge -> assertThat(gauge.getId().getTag("partition")).isNotBlank());
        } finally {
            listeners.start();
        }
        await().atMost(WAIT).until(() -> {
            metrics.refresh();
            return totalLag() == 0;
        });
    }

    @Test
    void deadLetterDepthCountsTheRecordsOnEachDeadLetterTopic() {
        metrics.refresh();
        double before = deadLetterDepth();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            kafka.sendRaw(Topics.ORDER_EVENTS, UUID.randomUUID().toString(), "not json".getBytes(StandardCharsets.UTF_8),
                    Map.of("eventType", "OrderPlaced"));
            await().atMost(WAIT).until(() -> {
                metrics.refresh();
                return deadLetterDepth() == before + 1;
            });
        }
    }

    private Collection<Gauge> lagGauges() {
        return registry.find(KafkaGroupMetrics.LAG).tags("group", GROUP, "topic", Topics.ORDER_EVENTS).gauges();
    }

    private double totalLag() {
        return lagGauges().stream().mapToDouble(Gauge::value).sum();
    }

    private double deadLetterDepth() {
        Gauge gauge = registry.find(KafkaGroupMetrics.DEAD_LETTER_DEPTH).tag("topic", DLT).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
