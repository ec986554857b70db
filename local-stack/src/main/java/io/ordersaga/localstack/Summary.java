package io.ordersaga.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the launcher prints once everything is up: where each part listens, and the commands to try next, ready to
 * copy and paste.
 */
final class Summary {

    /** The header that carries a demo customer's token: the services are OAuth2 resource servers. */
    static final String ALICE_TOKEN = "-H \"Authorization: Bearer $(bin/token alice)\"";

    static final String PLACE_ORDER_CURL = "curl -s -i -X POST localhost:8081/orders " + ALICE_TOKEN
            + " -H 'Content-Type: application/json' -d '{\"customerId\":\"alice\",\"items\":[{\"sku\":\"BOOK-EDA\","
            + "\"quantity\":1}],\"shippingAddress\":{\"name\":\"Alice\",\"street\":\"1 Main St\",\"city\":\"Berlin\","
            + "\"postalCode\":\"10115\",\"country\":\"DE\"}}'";

    private static final String NL = System.lineSeparator();

    private Summary() {
    }

    /**
     * @param environment each service's environment, for the {@code --infra-only} instructions
     * @param sinceLaunch how long start-up took
     */
    static String render(Options options, LocalKafka kafka, LocalPostgres postgres, DataDirectory dataDirectory,
            Function<ServiceSpec, Map<String, String>> environment, Duration sinceLaunch) {
        String rule = "=".repeat(100);
        StringBuilder out = new StringBuilder(rule).append(NL);
        out.append(options.infraOnly() ? " Kafka and PostgreSQL are up" : " ordersaga is up")
                .append(" (").append(LocalStack.seconds(sinceLaunch)).append(" since launch).")
                .append(" Ctrl-C stops everything.").append(NL).append(NL);
        if (!options.infraOnly()) {
            for (ServiceSpec spec : options.services()) {
                out.append(String.format(" %-19s http://localhost:%d%n", spec.module(), spec.port()));
            }
            if (options.sagaOnly()) {
                out.append(" Saga only: no analytics-service, and order-service keeps no timeline or views.").append(NL);
            }
        }
        out.append(String.format(" %-19s %s%n", "Kafka bootstrap", kafka.bootstrapServers()));
        for (ServiceSpec spec : ServiceSpec.withDatabase()) {
            out.append(String.format(" %-19s %s  (user and password: %s)%n", "PostgreSQL",
                    postgres.jdbcUrl(spec.database()), spec.database()));
        }
        out.append(String.format(" %-19s %s%n", "Data and logs", dataDirectory.root())).append(NL);

        if (options.infraOnly()) {
            out.append(" Run a service from your IDE, or from a shell in the repository root, with its environment:")
                    .append(NL);
            for (ServiceSpec spec : options.services()) {
                String env = environment.apply(spec).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
                out.append("   ").append(env).append(" java -jar ").append(spec.module()).append("/target/")
                        .append(spec.module()).append("-exec.jar").append(NL);
            }
        } else {
            out.append(" Get an access token (issuer ").append(ServiceSpec.issuerUri()).append("): bin/token alice")
                    .append(" (customers alice, bob, carol), bin/token --staff, bin/token --admin").append(NL)
                    .append(" Place an order as alice:").append(NL)
                    .append("   ").append(PLACE_ORDER_CURL).append(NL)
                    .append(" Then follow it: curl -s ").append(ALICE_TOKEN)
                    .append(" localhost:8081/orders/<orderId from the Location header>").append(NL);
        }
        out.append(" Watch the events (topics: order.events, inventory.events, payment.events, shipping.events,")
                .append(" system.events):").append(NL)
                .append("   bin/kafka-console-consumer --topic order.events --from-beginning")
                .append(options.kafkaPort() == Options.DEFAULT_KAFKA_PORT ? ""
                        : " --bootstrap-server " + kafka.bootstrapServers())
                .append(NL);
        if (!options.infraOnly()) {
            out.append(" Type 'restart <service>' and Enter here to restart one service, e.g. 'restart payment';")
                    .append(NL).append(" 'restart postgres' brings back a PostgreSQL that died;")
                    .append(" 'restart kafka' restarts the broker; both keep their data and port.")
                    .append(NL);
        }
        return out.append(rule).toString();
    }
}
