package io.ordersaga.analytics.query;

/** The stores cannot be queried right now: Kafka Streams is starting, rebalancing or restoring. */
public class AnalyticsUnavailableException extends RuntimeException {

    public AnalyticsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
