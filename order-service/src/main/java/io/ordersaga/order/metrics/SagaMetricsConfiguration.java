package io.ordersaga.order.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.order.domain.OrderRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Puts {@link SagaMetricsPublisher} in front of messaging-support's outbox publisher (the bean named
 * {@code eventPublisher}): every use case that injects an {@link EventPublisher} gets the metered one.
 */
@Configuration(proxyBeanMethods = false)
class SagaMetricsConfiguration {

    @Bean
    SagaMetrics sagaMetrics(MeterRegistry registry) {
        return new SagaMetrics(registry);
    }

    @Bean
    @Primary
    SagaMetricsPublisher sagaMetricsPublisher(@Qualifier("eventPublisher") EventPublisher outbox,
                                              OrderRepository orders, SagaMetrics metrics) {
        return new SagaMetricsPublisher(outbox, orders, metrics);
    }
}
