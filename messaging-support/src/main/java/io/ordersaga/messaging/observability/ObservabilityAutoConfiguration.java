package io.ordersaga.messaging.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.ordersaga.messaging.MessagingAutoConfiguration;
import io.ordersaga.messaging.MessagingSchema;
import io.ordersaga.messaging.outbox.LogicalOutboxRelay;
import io.ordersaga.messaging.outbox.OutboxTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Makes every service observable: the lesson's four metrics (lag, processing time, errors, queue depth), tracing that
 * survives the outbox, a Kafka health indicator for readiness, and {@code ServiceStarted}/{@code ServiceStopping} on
 * {@code system.events}. Runs after Boot's metrics and tracing auto-configuration (their names are given as strings,
 * so this class loads without them).
 */
@AutoConfiguration(after = {MessagingAutoConfiguration.class, KafkaAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"})
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    ListenerMetrics ordersagaListenerMetrics(MeterRegistry registry) {
        return new ListenerMetrics(registry);
    }

    @Bean(destroyMethod = "destroy")
    @ConditionalOnBean(KafkaAdmin.class)
    BrokerClient ordersagaBrokerClient(KafkaAdmin admin, @Value("${spring.application.name}") String application) {
        return new BrokerClient(admin.getConfigurationProperties(), application + "-observability");
    }

    @Bean
    @ConditionalOnBean(BrokerClient.class)
    KafkaHealthIndicator kafkaHealthIndicator(BrokerClient broker) {
        return new KafkaHealthIndicator(broker);
    }

    /** The groups and their topics come from the listener containers, asked again at each refresh. */
    @Bean
    @ConditionalOnBean({BrokerClient.class, MeterRegistry.class})
    KafkaGroupMetrics ordersagaKafkaGroupMetrics(BrokerClient broker, MeterRegistry registry,
                                                 ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                                                 @Value("${ordersaga.observability.kafka-metrics-interval:10s}") Duration interval) {
        return new KafkaGroupMetrics(broker, () -> subscriptions(listeners), interval, registry);
    }

    private static Map<String, Set<String>> subscriptions(ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        Map<String, Set<String>> subscriptions = new TreeMap<>();
        listeners.ifAvailable(registry -> registry.getListenerContainers().forEach(container -> {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                subscriptions.computeIfAbsent(container.getGroupId(), group -> new TreeSet<>()).addAll(List.of(topics));
            }
        }));
        return subscriptions;
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    ServiceLifecycleEvents ordersagaServiceLifecycleEvents(KafkaTemplate<String, Object> kafka,
                                                           ApplicationContext context, ObjectProvider<Clock> clock,
                                                           @Value("${spring.application.name}") String service) {
        return new ServiceLifecycleEvents(kafka, context, service, clock.getIfAvailable(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class OutboxTracingConfiguration {

        @Bean
        @ConditionalOnBean({Tracer.class, Propagator.class})
        OutboxTracing ordersagaOutboxTracing(Tracer tracer, Propagator propagator) {
            return new TracerOutboxTracing(tracer, propagator);
        }
    }

    /** Only where messaging-support owns a database (not in a service that excludes its JDBC side). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean(MessagingSchema.class)
    static class OutboxMetricsConfiguration {

        @Bean
        OutboxMetrics ordersagaOutboxMetrics(MessagingSchema schema, JdbcTemplate jdbc,
                                             ObjectProvider<LogicalOutboxRelay> logical) {
            return new OutboxMetrics(jdbc, logical.getIfAvailable());
        }
    }
}
