package io.ordersaga.messaging.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/dead-letters} of every service. A dead letter is addressed by where it sits:
 * {@code /admin/dead-letters/{topic}/{partition}/{offset}}. Registered by {@link DeadLetterAdminAutoConfiguration},
 * open to the admin role only (the shared rules of the security package).
 */
@RestController
@RequestMapping(DeadLetterController.BASE)
class DeadLetterController {

    static final String BASE = "/admin/dead-letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private final DeadLetterAdmin deadLetters;

    DeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Which dead letters to list: those with one status, or all of them. */
    enum StatusFilter {
        ALL, PENDING, REPLAYED, DISCARDED;

        DeadLetterStatus status() {
            return this == ALL ? null : DeadLetterStatus.valueOf(name());
        }
    }

    record DeadLetterList(List<String> topics, int count, List<DeadLetterView> deadLetters) {
    }

    record ReplayResult(int replayed, List<DeadLetterView> deadLetters) {
    }

    record DiscardRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** An operator's corrected value for a record that is malformed itself (UTF-8 text, an envelope as JSON). */
    record ReplayRequest(@NotEmpty String payload) {
    }

    /** Oldest first; {@code key} is the record key, that is the order id. */
    @GetMapping
    DeadLetterList list(@RequestParam(defaultValue = "ALL") StatusFilter status,
                        @RequestParam(required = false) String key) {
        DeadLetterAdmin.Listing found = deadLetters.list(status.status(), key == null || key.isBlank() ? null : key);
        return new DeadLetterList(found.topics(), found.deadLetters().size(), found.deadLetters());
    }

    @GetMapping("/{topic}/{partition}/{offset}")
    DeadLetterView get(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return deadLetters.get(new DeadLetterId(topic, partition, offset));
    }

    /**
     * Replays one dead letter, whatever its status: replaying twice is harmless, the inbox dedupes. Without a body
     * the record goes back as it was; with {@code {"payload": "…"}} its value is replaced by the corrected one.
     */
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    DeadLetterView replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                          @Valid @RequestBody(required = false) ReplayRequest corrected) {
        DeadLetterId id = new DeadLetterId(topic, partition, offset);
        return corrected == null ? deadLetters.replay(id)
                : deadLetters.replayCorrected(id, corrected.payload().getBytes(StandardCharsets.UTF_8));
    }

    /** Replays every PENDING dead letter of this service. */
    @PostMapping("/replay")
    ReplayResult replayPending() {
        List<DeadLetterView> replayed = deadLetters.replayPending();
        return new ReplayResult(replayed.size(), replayed);
    }

    @PostMapping("/{topic}/{partition}/{offset}/discard")
    DeadLetterView discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                           @Valid @RequestBody DiscardRequest request) {
        return deadLetters.discard(new DeadLetterId(topic, partition, offset), request.reason().strip());
    }

    /** The broker did not answer in time (or at all): nothing was decided, so trying again is safe. */
    @ExceptionHandler({DeadLetterUnavailableException.class, KafkaException.class})
    ProblemDetail unavailable(RuntimeException e) {
        log.warn("Dead-letter operation failed on Kafka: {}", e.toString());
        String what = e instanceof DeadLetterUnavailableException ? e.getMessage() : "Kafka did not answer";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                what + ". The broker may be down; try again.");
        problem.setTitle("Kafka unavailable");
        return problem;
    }
}
