package io.ordersaga.systemtests.faults;

import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.sagaclient.SagaClient.HttpFailure;
import io.ordersaga.sagaclient.SagaClient.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places orders over REST at a steady rate while faults are injected, and records every request's outcome: ok (201),
 * failed (an answer that refused the order, or no connection at all), or unknown (the request was sent but no
 * answer came). An unknown is never counted as a failure: after the heal, {@link #resolveUnknowns} asks again with
 * the same {@code Idempotency-Key}, as a real client would, and the order it names (created then or now) is checked
 * like every other.
 */
final class LoadDriver {

    enum Outcome { OK, FAILED, UNKNOWN }

    private record Attempt(String key, String customer, List<Line> items, String country) {
    }

    private final SagaClient client;
    private final Fixtures fixtures;
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final Set<Attempt> unknown = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger unknownCount = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(32);

    LoadDriver(SagaClient client, Fixtures fixtures) {
        this.client = client;
        this.fixtures = fixtures;
    }

    /** Starts placing {@code perSecond} orders a second for {@code duration}. */
    void start(int perSecond, Duration duration) {
        ticker.scheduleAtFixedRate(() -> senders.execute(this::placeOne), 0, 1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        ticker.schedule(ticker::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the load now, before its planned duration. */
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        awaitEnd();
    }

    /** Waits until the load has run its course and every outstanding request has its answer (or timed out). */
    void awaitEnd() throws InterruptedException {
        if (!ticker.awaitTermination(10, TimeUnit.MINUTES)) {
            ticker.shutdownNow();
        }
        senders.shutdown();
        if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }

    private void placeOne() {
        int n = sequence.getAndIncrement();
        Attempt attempt = new Attempt(UUID.randomUUID().toString(), fixtures.customerFor(n), fixtures.itemsFor(n),
                fixtures.countryFor(n));
        Outcome outcome = place(attempt);
        switch (outcome) {
            case OK -> ok.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case UNKNOWN -> {
                unknownCount.incrementAndGet();
                unknown.add(attempt);
            }
        }
    }

    private Outcome place(Attempt attempt) {
        try {
            SagaClient.Response response = client.placeOrder(attempt.customer(), attempt.items(), attempt.country(),
                    attempt.key());
            if (response.status() == 201) {
                accepted.add(UUID.fromString(response.body().path("orderId").asString()));
                return Outcome.OK;
            }
            return Outcome.FAILED;
        } catch (HttpFailure e) {
            // No connection means the request never reached the service; anything else (a timeout, a reset) may
            // have been processed.
            return e.getMessage().contains("ConnectException") ? Outcome.FAILED : Outcome.UNKNOWN;
        }
    }

    /** Asks again, with the same key, for every request whose outcome was unknown. */
    void resolveUnknowns(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Attempt> pending = new ArrayList<>(unknown);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(attempt -> place(attempt) == Outcome.OK);
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    int ok() {
        return ok.get();
    }

    int failed() {
        return failed.get();
    }

    int unknown() {
        return unknownCount.get();
    }

    /** Every order the service accepted, including those first answered with an unknown outcome. */
    Set<UUID> acceptedOrders() {
        return Set.copyOf(accepted);
    }
}
