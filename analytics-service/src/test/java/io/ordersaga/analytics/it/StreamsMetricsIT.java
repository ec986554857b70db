package io.ordersaga.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ordersaga.analytics.AnalyticsIntegrationTest;
import io.ordersaga.analytics.streams.AnalyticsTopics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Kafka Streams' meters as {@code /actuator/prometheus} exports them. The running topology's metrics are bound, as
 * Boot's listener binds them, to a Prometheus registry with this service's meter filters; every meter must register.
 * Prometheus refuses a second set of tag keys under one name, and the key-value and window stores' metrics used to
 * bring two ({@code kafka_stream_state_restore_latency_avg}, …), logged as a registration failure at start.
 */
class StreamsMetricsIT extends AnalyticsIntegrationTest {

    @Autowired StreamsBuilderFactoryBean streams;
    @Autowired ObjectProvider<MeterFilter> meterFilters;

    @Test
    void everyStoresMetersRegisterInPrometheusUnderOneSetOfTagKeys() {
        KafkaStreams running = await().atMost(WAIT).until(streams::getKafkaStreams,
                kafkaStreams -> kafkaStreams != null && kafkaStreams.state() == KafkaStreams.State.RUNNING);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meterFilters.orderedStream().forEach(prometheus.config()::meterFilter);
        List<String> failures = new CopyOnWriteArrayList<>();
        prometheus.config().onMeterRegistrationFailed((id, reason) -> failures.add(id.getName() + ": " + reason));

        try (KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(running)) {
            metrics.bindTo(prometheus);

            assertThat(failures).isEmpty();
            assertThat(prometheus.find("kafka.stream.state.restore.latency.avg").meters())
                    .extracting(meter -> meter.getId().getTag("state.id"))
                    .as("a key-value store and a window store")
                    .contains(AnalyticsTopics.ORDERS_PER_CUSTOMER, AnalyticsTopics.MILESTONES_PER_SECOND);
            assertThat(prometheus.scrape()).contains("kafka_stream_state_restore_latency_avg{");
        } finally {
            prometheus.close();
        }
    }
}
