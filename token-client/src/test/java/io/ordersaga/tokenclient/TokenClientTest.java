package io.ordersaga.tokenclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.ordersaga.tokenclient.TokenClient.Login;
import org.junit.jupiter.api.Test;

/** The parts of the token client that need no issuer; the flow itself is tested against the real one (auth-server). */
class TokenClientTest {

    @Test
    void pkceChallengeIsTheUnpaddedUrlSafeBase64OfTheVerifiersSha256() {
        // printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d =
        assertThat(TokenClient.challenge("dBjftJeZ4CVP-mJ92jRVYlsqyB3r6ZuJ8vkbsFyQmpI"))
                .isEqualTo("tr5lwCaA3EXAlPr8xUwrVfNQiRRcLNyrPjttkaMIDEM");
    }

    @Test
    void aDemoUserLogsInWithTheDemoPassword() {
        assertThat(Login.parse(List.of("alice"))).isEqualTo(new Login("alice", "alice-password"));
        assertThat(Login.parse(List.of("--staff"))).isEqualTo(new Login("staff", "staff-password"));
        assertThat(Login.parse(List.of("--admin"))).isEqualTo(new Login("admin", "admin-password"));
        assertThat(Login.parse(List.of("bob", "--password", "secret"))).isEqualTo(new Login("bob", "secret"));
    }

    @Test
    void unclearCommandLinesAreRefused() {
        assertThatThrownBy(() -> Login.parse(List.of())).hasMessage("name a user");
        assertThatThrownBy(() -> Login.parse(List.of("alice", "--admin"))).hasMessageContaining("one user at a time");
        assertThatThrownBy(() -> Login.parse(List.of("--stafff"))).hasMessageContaining("unknown option '--stafff'");
        assertThatThrownBy(() -> Login.parse(List.of("alice", "--password"))).hasMessage("--password needs a value");
    }
}
