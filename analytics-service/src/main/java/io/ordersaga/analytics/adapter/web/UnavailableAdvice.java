package io.ordersaga.analytics.adapter.web;

import io.ordersaga.analytics.query.AnalyticsUnavailableException;
import io.ordersaga.messaging.web.RetryLater;
import java.time.Duration;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While Kafka Streams starts, rebalances or restores, its stores cannot be queried: that is a 503 with
 * {@code Retry-After}, not an error. Ordered before messaging-support's advice, whose catch-all would answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableAdvice {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @ExceptionHandler({AnalyticsUnavailableException.class, InvalidStateStoreException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return RetryLater.answer("Analytics unavailable",
                "The analytics are not queryable right now; Kafka Streams is starting or rebalancing.", RETRY_AFTER);
    }
}
