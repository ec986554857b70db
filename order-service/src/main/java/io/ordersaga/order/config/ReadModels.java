package io.ordersaga.order.config;

import io.ordersaga.messaging.web.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether order-service keeps its read models, the order timeline and the views ({@code ordersaga.read-models.enabled},
 * {@code ORDERSAGA_READ_MODELS_ENABLED}, default {@code true}).
 *
 * <p>Off, their consumer (group {@value SagaConfiguration#TIMELINE_GROUP}) does not run, so an order costs the saga's
 * deliveries only; the saga itself, its REST API and its guarantees are unchanged. The timeline and view endpoints
 * then answer 404 with a problem that says why, rather than an empty or stale answer, and a cancelled order's
 * unfinished compensations (judged from its timeline) are not listed. It is the benchmark's saga-only profile
 * ({@code bin/local-stack --saga-only}), the way the peers measured in docs/performance.md run.
 */
@Component
public class ReadModels {

    /** The property; a listener or bean that exists only with the read models is conditional on it. */
    public static final String ENABLED = "ordersaga.read-models.enabled";

    private final boolean enabled;

    public ReadModels(@Value("${" + ENABLED + ":true}") boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * @param what the read model asked for, as in "keeps no timeline"
     * @throws NotFoundException (404, a problem document) when the read models are off
     */
    public void require(String what) {
        if (!enabled) {
            throw new NotFoundException("This order-service keeps no " + what + ": it runs with its read models off"
                    + " (ORDERSAGA_READ_MODELS_ENABLED=false)");
        }
    }
}
