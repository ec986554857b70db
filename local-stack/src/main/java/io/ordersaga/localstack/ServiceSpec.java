package io.ordersaga.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the services as the launcher sees it: where its jar is built, its HTTP port and its database
 * (DESIGN sections 2 and 6). The issuer (auth-server) is launched, watched and restarted the same way.
 *
 * @param module the Maven module, which is also the service name and {@code spring.application.name}
 * @param label the short name that prefixes its console lines
 * @param port its HTTP port
 * @param database its database, login role and (local-only) password; {@code null} for a service without one
 *                 (analytics-service keeps its state in Kafka Streams stores)
 */
public record ServiceSpec(String module, String label, int port, String database) {

    /** The OAuth2 issuer every service checks tokens against (docs/security.md); it starts beside them. */
    public static final ServiceSpec ISSUER = new ServiceSpec("auth-server", "auth", 9000, null);

    /** The suite's analytics (Kafka Streams); not started in the saga-only profile ({@link Options#services()}). */
    public static final ServiceSpec ANALYTICS = new ServiceSpec("analytics-service", "analytics", 8085, null);

    /**
     * The suite, in the order its services are listed to the user. They start in parallel: the services fetch the
     * issuer's keys on their first request, not at start, so none waits for another.
     */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("order-service", "order", 8081, "order_service"),
            new ServiceSpec("inventory-service", "inventory", 8082, "inventory_service"),
            new ServiceSpec("payment-service", "payment", 8083, "payment_service"),
            new ServiceSpec("shipping-service", "shipping", 8084, "shipping_service"),
            ANALYTICS,
            ISSUER);

    public boolean isIssuer() {
        return equals(ISSUER);
    }

    /** The issuer as the services and {@code bin/token} reach it on this machine. */
    public static String issuerUri() {
        return "http://localhost:" + ISSUER.port();
    }

    public boolean hasDatabase() {
        return database != null;
    }

    /** The services that own a database, in order. */
    public static List<ServiceSpec> withDatabase() {
        return ALL.stream().filter(ServiceSpec::hasDatabase).toList();
    }

    /** The databases of the services that have one, in order. */
    public static List<String> databases() {
        return withDatabase().stream().map(ServiceSpec::database).toList();
    }

    /** The executable jar that {@code ./mvnw package} builds for this service. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-exec.jar");
    }
}
