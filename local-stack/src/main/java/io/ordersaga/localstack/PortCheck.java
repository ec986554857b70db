package io.ordersaga.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks up front that every port the stack needs is free, so the user gets one clear sentence naming the port
 * instead of a bind exception from deep inside Kafka, PostgreSQL or Tomcat half-way through start-up.
 */
public final class PortCheck {

    private final Map<Integer, String> ports = new LinkedHashMap<>();

    /** Adds a port to check; {@code owner} names what needs it, e.g. "PostgreSQL". */
    public PortCheck require(int port, String owner) {
        ports.putIfAbsent(port, owner);
        return this;
    }

    /**
     * Tries to bind each port on all interfaces, the way a server would.
     *
     * @throws StartupException naming every port that is taken and what would have used it
     */
    public void verify() {
        List<Integer> taken = new ArrayList<>();
        StringBuilder message = new StringBuilder();
        ports.forEach((port, owner) -> {
            if (!isFree(port)) {
                taken.add(port);
                message.append("Port ").append(port).append(" (").append(owner).append(") is already in use.")
                        .append(System.lineSeparator());
            }
        });
        if (taken.isEmpty()) {
            return;
        }
        int first = taken.get(0);
        message.append(taken.size() == 1 ? "Stop whatever holds it" : "Stop whatever holds them")
                .append(" (see 'ss -ltnp | grep :").append(first).append("' or 'lsof -i :")
                .append(first).append("'), for example a Docker Compose stack ('docker compose down') or another")
                .append(" local-stack.");
        boolean infrastructurePort = taken.stream().anyMatch(port -> !ports.get(port).endsWith("-service"));
        if (infrastructurePort) {
            message.append(" Or move Kafka and PostgreSQL with --kafka-port, --controller-port and --postgres-port.");
        }
        throw new StartupException(message.toString());
    }

    /**
     * Whether nothing listens on {@code port}. Binds the wildcard address: on Linux that fails when any address,
     * 127.0.0.1 or ::1 included, already has a listener on the port.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
