package io.ordersaga.benchmarks.load;

import io.ordersaga.tokenclient.TokenClient;
import io.ordersaga.tokenclient.TokenClient.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's access token: obtained once before the load starts, then renewed in the background shortly before it
 * expires (the issuer's tokens last 15 minutes, a sweep longer), so no order ever waits for a login and every POST
 * carries a token the services accept. {@link #get()} is a volatile read.
 */
public final class BearerToken implements Supplier<String>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BearerToken.class);
    /** Renewed this long before it expires; a failed renewal is tried again every {@link #RETRY} until then. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);
    static final Duration RETRY = Duration.ofSeconds(10);

    private final Supplier<AccessToken> login;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-renewer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AccessToken current;

    /**
     * Logs in now.
     *
     * @throws TokenClient.TokenException when the issuer is down or refuses the login
     */
    public BearerToken(Supplier<AccessToken> login) {
        this.login = login;
        this.current = login.get();
        scheduleRenewal(untilRenewal(current));
    }

    /** The demo user the benchmark acts as, on {@code issuer}. */
    public static BearerToken forDemoUser(TokenClient issuer, String user) {
        return new BearerToken(() -> issuer.accessToken(user, TokenClient.demoPassword(user)));
    }

    @Override
    public String get() {
        return current.value();
    }

    public Instant expiresAt() {
        return current.expiresAt();
    }

    private void renew() {
        try {
            current = login.get();
            scheduleRenewal(untilRenewal(current));
        } catch (RuntimeException e) {
            log.warn("Renewing the access token failed ({}); trying again in {} s", e.getMessage(),
                    RETRY.toSeconds());
            scheduleRenewal(RETRY);
        }
    }

    private void scheduleRenewal(Duration delay) {
        if (!renewer.isShutdown()) {
            renewer.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static Duration untilRenewal(AccessToken token) {
        Duration left = Duration.between(Instant.now(), token.expiresAt().minus(RENEW_BEFORE));
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
