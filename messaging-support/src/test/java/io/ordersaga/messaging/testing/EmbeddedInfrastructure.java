package io.ordersaga.messaging.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's application context at the JVM's shared broker, at its own database on the shared
 * PostgreSQL server, and at the JVM's {@link TestIssuer}. The database is named after {@code ordersaga.test.database}, or after
 * {@code spring.application.name} with dashes as underscores.
 *
 * <p>The one entry point of every integration test, in both modes of {@link InfrastructureMode} (the name is from
 * before the container mode): embedded servers, or Testcontainers when Docker is available.
 *
 * <pre>{@code
 * @SpringBootTest
 * @ContextConfiguration(initializers = EmbeddedInfrastructure.class)
 * class OrderListenersIT { ... }
 * }</pre>
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String database = environment.getProperty("ordersaga.test.database",
                environment.getProperty("spring.application.name", "ordersaga").replace('-', '_'));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", properties(database)));
    }

    /**
     * The properties that connect a service to the shared broker, its own database and the JVM's
     * {@link TestIssuer}, whose tokens its API then requires.
     */
    public static Map<String, Object> properties(String database) {
        return Map.of(
                "spring.datasource.url", SharedPostgres.jdbcUrl(database),
                "spring.datasource.username", SharedPostgres.USER,
                "spring.datasource.password", SharedPostgres.PASSWORD,
                "spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers(),
                "ordersaga.security.issuer-uri", TestIssuer.shared().issuerUri());
    }
}
