package io.ordersaga.messaging.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The answer for "not now, nothing was done, try again": 503 with {@code Retry-After} (whole seconds) and a problem
 * document. For a service that is briefly unable to answer (analytics' stores while Kafka Streams rebalances) or that
 * sheds load (order-service's full saga backlog).
 */
public final class RetryLater {

    private RetryLater() {
    }

    /** 503, {@code Retry-After}, and a problem document with {@code title} and {@code detail}; its body takes more. */
    public static ResponseEntity<ProblemDetail> answer(String title, String detail, Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds())).body(problem);
    }
}
