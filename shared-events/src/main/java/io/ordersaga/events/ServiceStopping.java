package io.ordersaga.events;

import java.util.Objects;

/**
 * A service instance is shutting down in an orderly way (a crash sends nothing).
 *
 * <p>Emitted by every service when its shutdown begins, before its listeners and its outbox relay stop. Its envelope's
 * causation id is the event id of the instance's {@link ServiceStarted}.
 *
 * @param uptimeSeconds how long the instance ran
 */
public record ServiceStopping(String service, String instanceId, String host, long uptimeSeconds)
        implements SystemEvent {

    public static final String TYPE = "ServiceStopping";

    public ServiceStopping {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(host, "host");
    }
}
