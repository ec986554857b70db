package io.ordersaga.order.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ordersaga.saga.*}: the saga deadline, and how many sagas may be in flight at once.
 *
 * @param timeout        an order not terminal this long after it was placed is cancelled TIMED_OUT
 *                       ({@code ORDERSAGA_SAGA_TIMEOUT})
 * @param sweepInterval  how often each instance looks for overdue orders ({@code ORDERSAGA_SAGA_SWEEP_INTERVAL})
 * @param sweepBatchSize how many overdue orders one short transaction cancels at most
 * @param maxInFlight    a new order is refused with 503 while this many orders are neither COMPLETED nor CANCELLED
 *                       ({@code ORDERSAGA_SAGA_MAX_IN_FLIGHT}; 0 for no limit); see
 *                       {@link io.ordersaga.order.application.SagaAdmission}
 * @param inFlightRefresh how often, at most, a placement counts the orders in flight in the database
 */
@ConfigurationProperties("ordersaga.saga")
public record SagaProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatchSize,
        @DefaultValue("1000") int maxInFlight,
        @DefaultValue("100ms") Duration inFlightRefresh) {

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
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("ordersaga.saga.max-in-flight must be 0 (no limit) or more, was "
                    + maxInFlight);
        }
        if (inFlightRefresh.isNegative()) {
            throw new IllegalArgumentException("ordersaga.saga.in-flight-refresh must not be negative, was "
                    + inFlightRefresh);
        }
    }
}
