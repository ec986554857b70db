package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.tokenclient.TokenClient.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run's token: one login up front, a new one in the background before the old one expires. */
class BearerTokenTest {

    private final AtomicInteger logins = new AtomicInteger();

    /** Each login returns "token-<n>", valid for {@code lifetime}. */
    private AccessToken login(Duration lifetime) {
        return new AccessToken("token-" + logins.incrementAndGet(), Instant.now().plus(lifetime));
    }

    @Test
    void logsInOnceAndHandsOutThatTokenUntilItNearsItsExpiry() {
        try (BearerToken token = new BearerToken(() -> login(Duration.ofMinutes(15)))) {
            for (int i = 0; i < 1000; i++) {
                assertThat(token.get()).isEqualTo("token-1");
            }
        }
        assertThat(logins).hasValue(1);
    }

    @Test
    void renewsBeforeTheTokenExpiresWithoutAnyCallerWaiting() {
        Duration lifetime = BearerToken.RENEW_BEFORE.plusMillis(300);
        try (BearerToken token = new BearerToken(() -> login(lifetime))) {
            assertThat(token.get()).isEqualTo("token-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> token.get().equals("token-2"));
            assertThat(token.expiresAt()).isAfter(Instant.now().plus(BearerToken.RENEW_BEFORE));
        }
    }

    @Test
    void aTokenAlreadyInsideTheRenewalMarginIsRenewedAtOnce() {
        assertThat(BearerToken.untilRenewal(new AccessToken("t", Instant.now().plusSeconds(5)))).isZero();
        assertThat(BearerToken.untilRenewal(new AccessToken("t", Instant.now().plus(Duration.ofMinutes(15)))))
                .isBetween(Duration.ofMinutes(12), Duration.ofMinutes(13));
    }
}
