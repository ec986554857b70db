package io.ordersaga.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.MessagingAutoConfiguration;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.messaging.testing.SharedKafka;
import io.ordersaga.messaging.testing.SharedPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ordersaga.messaging.outbox.relay} (environment: {@code ORDERSAGA_MESSAGING_OUTBOX_RELAY}) chooses the relay
 * and the writer that goes with it; the logical one checks the server as the context starts. The plumbing's
 * auto-configuration alone, on the shared servers: no web server, no listeners.
 */
class LogicalRelayConfigurationIT {

    private static final String DATABASE = "logical_relay_config_it";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // as SpringApplication does, for the plumbing's @Value durations
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                    KafkaAutoConfiguration.class, MessagingAutoConfiguration.class))
            .withPropertyValues("spring.application.name=logical-relay-config-it",
                    "spring.kafka.consumer.group-id=logical-relay-config-it",
                    "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                    "spring.datasource.url=" + SharedPostgres.jdbcUrl(DATABASE));

    /** The slot would keep the shared server's WAL for the rest of the test run. */
    @AfterAll
    static void dropSlot() {
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(SharedPostgres.jdbcUrl(DATABASE),
                SharedPostgres.USER, SharedPostgres.PASSWORD));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.queryForList(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?",
                OutboxSlot.name(DATABASE)) != null);
    }

    @Test
    void theTableRelayByDefault() {
        runner.withPropertyValues("spring.datasource.username=" + SharedPostgres.USER,
                        "spring.datasource.password=" + SharedPostgres.PASSWORD,
                        "ordersaga.messaging.outbox.relay-enabled=false")
                .run(context -> assertThat(context).hasSingleBean(OutboxRelay.class)
                        .doesNotHaveBean(LogicalOutboxRelay.class));
    }

    @Test
    void theEnvironmentVariableSwitchesToTheLogicalRelayWhichSendsWhatCommits() {
        runner.withPropertyValues("spring.datasource.username=" + SharedPostgres.USER,
                        "spring.datasource.password=" + SharedPostgres.PASSWORD)
                .withInitializer(context -> environmentVariable(context, "ORDERSAGA_MESSAGING_OUTBOX_RELAY", "logical"))
                .run(context -> {
                    assertThat(context).hasSingleBean(LogicalOutboxRelay.class).doesNotHaveBean(OutboxRelay.class);
                    UUID orderId = UUID.randomUUID();
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(
                            tx -> context.getBean(EventPublisher.class).publish(
                                    new OrderCompleted(orderId, "alice", new BigDecimal("10.00"), "EUR")));
                    try (KafkaTestClient kafka = KafkaTestClient.shared()) {
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> kafka.records(Topics.ORDER_EVENTS, orderId).size() == 1);
                    }
                    assertThat(new JdbcTemplate(context.getBean(javax.sql.DataSource.class))
                            .queryForObject("SELECT count(*) FROM messaging.outbox", Long.class))
                            .as("no table row").isZero();
                });
    }

    @Test
    void aRoleWithoutReplicationFailsTheStartWithWhatToDo() {
        // The schema exists and the role may use it: what fails is the relay's check, not Flyway.
        new JdbcTemplate(RelayFixtures.database(DATABASE)).execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'config_no_replication') THEN
                        CREATE ROLE config_no_replication LOGIN PASSWORD 'config_no_replication';
                    END IF;
                    GRANT ALL ON DATABASE logical_relay_config_it TO config_no_replication;
                    GRANT ALL ON SCHEMA messaging TO config_no_replication;
                    GRANT ALL ON ALL TABLES IN SCHEMA messaging TO config_no_replication;
                END $$""");
        runner.withPropertyValues("spring.datasource.username=config_no_replication",
                        "spring.datasource.password=config_no_replication",
                        "ordersaga.messaging.outbox.relay=logical")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs a role with the REPLICATION attribute")
                        .hasMessageContaining("ordersaga.messaging.outbox.relay=table"));
    }

    /** The variable as the process environment would hold it, bound the way Spring Boot binds the environment. */
    private static void environmentVariable(ConfigurableApplicationContext context, String name, String value) {
        Map<String, Object> variables = new HashMap<>(System.getenv());
        variables.put(name, value);
        context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }
}
