package io.ordersaga.benchmarks.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ListeningPortsTest {

    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51111 1 0 100 0 0 10 0
               1: 0100007F:2384 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 52222 1 0 20 4 30 10 -1
               2: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 53333 1 0 100 0 0 10 0
            """;

    @Test
    void onlyListeningSocketsOnTheHexEncodedPortCount() {
        assertThat(ListeningPorts.listeningInodes(TABLE, 9092)).containsExactly("51111"); // 0x2384, not the connection
        assertThat(ListeningPorts.listeningInodes(TABLE, 8081)).containsExactly("53333"); // 0x1F91
        assertThat(ListeningPorts.listeningInodes(TABLE, 5432)).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsThisVeryProcessBehindAPortItListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(new ListeningPorts().pidListeningOn(socket.getLocalPort()))
                    .hasValue(ProcessHandle.current().pid());
        }
    }
}
