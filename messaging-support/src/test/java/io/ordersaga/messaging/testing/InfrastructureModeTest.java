package io.ordersaga.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one place that picks embedded servers or Testcontainers, and how ORDERSAGA_TEST_INFRA steers it. */
class InfrastructureModeTest {

    private static final Supplier<Optional<String>> DOCKER = Optional::empty;
    private static final Supplier<Optional<String>> NO_DOCKER = () -> Optional.of("no Docker here");
    private static final Supplier<Optional<String>> MUST_NOT_ASK = () -> {
        throw new AssertionError("embedded mode must not look for Docker");
    };

    @Test
    void autoUsesContainersWhenDockerIsAvailable() {
        assertThat(InfrastructureMode.select("auto", DOCKER)).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void autoFallsBackToEmbeddedWithoutDocker() {
        assertThat(InfrastructureMode.select("auto", NO_DOCKER)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void unsetOrBlankMeansAuto() {
        assertThat(InfrastructureMode.select(null, DOCKER)).isEqualTo(InfrastructureMode.CONTAINERS);
        assertThat(InfrastructureMode.select("  ", NO_DOCKER)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void embeddedIsChosenEvenWithDockerAndNeverLooksForIt() {
        assertThat(InfrastructureMode.select("embedded", MUST_NOT_ASK)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void containersAreUsedWhenRequiredAndAvailable() {
        assertThat(InfrastructureMode.select("containers", DOCKER)).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void requiredContainersWithoutDockerFailWithTheReasonAndTheWayOut() {
        assertThatThrownBy(() -> InfrastructureMode.select("containers", NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDERSAGA_TEST_INFRA=containers, but no Docker here")
                .hasMessageContaining("ORDERSAGA_TEST_INFRA=embedded");
    }

    @Test
    void theSettingIgnoresCaseAndSurroundingSpaces() {
        assertThat(InfrastructureMode.select(" Containers ", DOCKER)).isEqualTo(InfrastructureMode.CONTAINERS);
        assertThat(InfrastructureMode.select("EMBEDDED", MUST_NOT_ASK)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void anUnknownSettingIsRefusedListingTheModes() {
        assertThatThrownBy(() -> InfrastructureMode.select("docker", DOCKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDERSAGA_TEST_INFRA=docker")
                .hasMessageContaining("embedded, containers or auto");
    }
}
