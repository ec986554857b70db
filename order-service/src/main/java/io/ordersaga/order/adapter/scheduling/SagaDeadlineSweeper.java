package io.ordersaga.order.adapter.scheduling;

import io.ordersaga.order.application.CancellationService;
import io.ordersaga.order.config.SagaProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code ordersaga.saga.sweep-interval}, cancels (TIMED_OUT) the orders that are still not terminal
 * {@code ordersaga.saga.timeout} after they were placed, in batches of short transactions. Every instance sweeps;
 * {@code FOR UPDATE SKIP LOCKED} makes sure each overdue order is cancelled by exactly one of them.
 */
@Component
public class SagaDeadlineSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlineSweeper.class);

    private final CancellationService cancellations;
    private final SagaProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public SagaDeadlineSweeper(CancellationService cancellations, SagaProperties properties, Clock clock) {
        this.cancellations = cancellations;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep: cancels every order overdue now. @return how many orders this call cancelled */
    public int sweep() {
        Instant cutoff = clock.instant().minus(properties.timeout());
        int cancelled = 0;
        List<UUID> batch;
        do {
            batch = cancellations.cancelOverdue(cutoff, properties.sweepBatchSize());
            cancelled += batch.size();
        } while (batch.size() == properties.sweepBatchSize());
        if (cancelled > 0) {
            log.info("Saga deadline: cancelled {} order(s) placed before {}", cancelled, cutoff);
        }
        return cancelled;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Saga deadline sweep failed; the next one retries: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "saga-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Saga deadline: orders not terminal {} after placement are cancelled (checked every {})",
                properties.timeout(), properties.sweepInterval());
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
