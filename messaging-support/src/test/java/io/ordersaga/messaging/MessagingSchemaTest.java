package io.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code spring.flyway.enabled=false} switches the messaging schema's migration off with the service's own, so the
 * Docker image's class data sharing training run creates every bean with no database to reach (Dockerfile).
 */
class MessagingSchemaTest {

    /** The shared plumbing with a database and a broker nobody listens for (port 1), as in the training run. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // As in a Spring Boot application: the plumbing's @Value durations ("5s") need Boot's conversions.
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    KafkaAutoConfiguration.class, MessagingAutoConfiguration.class))
            .withPropertyValues("spring.application.name=schema-test", "spring.kafka.consumer.group-id=schema-test",
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                    "spring.datasource.hikari.connection-timeout=250", "spring.kafka.bootstrap-servers=127.0.0.1:1",
                    "spring.kafka.admin.auto-create=false");

    @Test
    void withFlywaySwitchedOffEveryMessagingBeanIsCreatedWithoutADatabase() {
        runner.withPropertyValues("spring.flyway.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MessagingSchema.class).hasSingleBean(EventPublisher.class);
        });
    }

    @Test
    void otherwiseTheSchemaIsMigratedWhileTheBeansAreCreated() {
        // The default: the context cannot start without its database, so the outbox and inbox tables exist before
        // any bean uses them.
        runner.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(ConnectException.class));
    }
}
