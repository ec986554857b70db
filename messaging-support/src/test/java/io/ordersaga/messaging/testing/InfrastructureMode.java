package io.ordersaga.messaging.testing;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Where the JVM's shared Kafka broker and PostgreSQL server run. Chosen once per test JVM, here and nowhere else,
 * from the environment variable {@value #VARIABLE}:
 * <ul>
 *   <li>{@code auto} (the default): {@link #CONTAINERS} when Testcontainers finds a Docker environment,
 *       {@link #EMBEDDED} otherwise;</li>
 *   <li>{@code containers}: Docker is required, and its absence fails the tests with the reason;</li>
 *   <li>{@code embedded}: never touches Docker.</li>
 * </ul>
 * Every integration test runs unchanged in both modes: it gets its addresses from {@link EmbeddedInfrastructure},
 * {@link SharedKafka} and {@link SharedPostgres}.
 */
public enum InfrastructureMode {

    /** spring-kafka-test's embedded KRaft broker and zonky's embedded PostgreSQL 17, inside the test JVM. */
    EMBEDDED {
        @Override
        String startKafka() {
            return EmbeddedServers.kafka();
        }

        @Override
        PostgresServer startPostgres() {
            return EmbeddedServers.postgres();
        }
    },

    /** Testcontainers: the {@code apache/kafka} image of the Kafka client's version, and {@code postgres:17}. */
    CONTAINERS {
        @Override
        String startKafka() {
            return ContainerServers.kafka();
        }

        @Override
        PostgresServer startPostgres() {
            return ContainerServers.postgres();
        }
    };

    public static final String VARIABLE = "ORDERSAGA_TEST_INFRA";

    private static final Logger log = LoggerFactory.getLogger(InfrastructureMode.class);
    private static InfrastructureMode current;

    /** Starts a broker with {@link SharedKafka#BROKER_PROPERTIES}; returns its bootstrap servers. */
    abstract String startKafka();

    /** Starts a server with {@link SharedPostgres#SERVER_CONFIG} and the superuser {@link SharedPostgres#USER}. */
    abstract PostgresServer startPostgres();

    /** The mode of this JVM, chosen on first use. */
    public static synchronized InfrastructureMode current() {
        if (current == null) {
            String choice = choice(System.getenv(VARIABLE));
            Supplier<Optional<String>> unavailable = once(() -> whyContainersAreUnavailable(choice.equals("auto")));
            current = select(choice, unavailable);
            log.info("Test infrastructure: {} ({}={}{})", current, VARIABLE, choice,
                    current == EMBEDDED && choice.equals("auto") ? ", and " + unavailable.get().orElseThrow() : "");
        }
        return current;
    }

    /**
     * The mode {@code setting} asks for (null or blank means auto).
     *
     * @param containersUnavailable why Testcontainers cannot run here, or empty when it can; asked only if needed
     * @throws IllegalStateException when containers are required but unavailable
     * @throws IllegalArgumentException when {@code setting} is not a mode
     */
    static InfrastructureMode select(String setting, Supplier<Optional<String>> containersUnavailable) {
        switch (choice(setting)) {
            case "embedded":
                return EMBEDDED;
            case "containers":
                Optional<String> why = containersUnavailable.get();
                if (why.isPresent()) {
                    throw new IllegalStateException(VARIABLE + "=containers, but " + why.get() + ". Start Docker, or run"
                            + " the tests with " + VARIABLE + "=embedded (or auto, which falls back to embedded).");
                }
                return CONTAINERS;
            case "auto":
                return containersUnavailable.get().isPresent() ? EMBEDDED : CONTAINERS;
            default:
                throw new IllegalArgumentException(
                        VARIABLE + "=" + setting + " is not a test infrastructure mode; use embedded, containers or auto.");
        }
    }

    private static String choice(String setting) {
        return setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> whyContainersAreUnavailable(boolean quiet) {
        if (!ClassUtils.isPresent("org.testcontainers.DockerClientFactory", InfrastructureMode.class.getClassLoader())) {
            return Optional.of("Testcontainers is not on this module's test classpath (add the test dependencies"
                    + " org.testcontainers:testcontainers-kafka and org.testcontainers:testcontainers-postgresql)");
        }
        return ContainerServers.dockerAvailable(quiet) ? Optional.empty()
                : Optional.of("Testcontainers found no Docker environment" + (quiet ? "" : " (its log above says where it looked)"));
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
