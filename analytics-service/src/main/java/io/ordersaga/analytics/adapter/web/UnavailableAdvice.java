package io.ordersaga.analytics.adapter.web;

import io.ordersaga.analytics.query.AnalyticsUnavailableException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler({AnalyticsUnavailableException.class, InvalidStateStoreException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The analytics are not queryable right now; Kafka Streams is starting or rebalancing.");
        problem.setTitle("Analytics unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
