package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void freePortsPass() {
        assertThatCode(() -> new PortCheck().require(TestSupport.freePort(), "Kafka").verify())
                .doesNotThrowAnyException();
    }

    @Test
    void aPortTakenOnLoopbackIsReportedWithItsOwnerAndAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int free = TestSupport.freePort();

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThatThrownBy(() -> new PortCheck().require(free, "Kafka").require(port, "PostgreSQL").verify())
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("Port " + port + " (PostgreSQL) is already in use.")
                    .hasMessageContaining("ss -ltnp | grep :" + port)
                    .hasMessageContaining("--postgres-port")
                    .hasMessageNotContaining("Port " + free);
        }
    }

    @Test
    void aTakenServicePortNeedsNoInfrastructureHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> new PortCheck().require(taken.getLocalPort(), "order-service").verify())
                    .hasMessageContaining("(order-service) is already in use")
                    .hasMessageNotContaining("--postgres-port");
        }
    }
}
