package io.ordersaga.order.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ordersaga.saga.*}: the saga deadline.
 *
 * @param timeout        an order not terminal this long after it was placed is cancelled TIMED_OUT
 *                       ({@code ORDERSAGA_SAGA_TIMEOUT})
 * @param sweepInterval  how often each instance looks for overdue orders ({@code ORDERSAGA_SAGA_SWEEP_INTERVAL})
 * @param sweepBatchSize how many overdue orders one short transaction cancels at most
 */
@ConfigurationProperties("ordersaga.saga")
public record SagaProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatchSize) {

    public SagaProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ordersaga.saga.timeout must be positive, was " + timeout);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("ordersaga.saga.sweep-interval must be positive, was " + sweepInterval);
        }
        if (sweepBatchSize < 1) {
            throw new IllegalArgumentException("ordersaga.saga.sweep-batch-size must be at least 1, was " + sweepBatchSize);
        }
    }
}
