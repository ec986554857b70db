package io.ordersaga.events;

import java.util.Objects;

/**
 * A service instance is up and ready to take requests and events.
 *
 * <p>Emitted by every service once it has started (its listeners are running). Nothing in the saga consumes it; it is
 * for operators and tools that watch {@link Topics#SYSTEM_EVENTS}.
 *
 * @param host the instance's host name (the container id under Docker)
 * @param port its HTTP port, or {@code null} when it serves no HTTP
 */
public record ServiceStarted(String service, String instanceId, String host, Integer port) implements SystemEvent {

    public static final String TYPE = "ServiceStarted";

    public ServiceStarted {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(host, "host");
    }
}
