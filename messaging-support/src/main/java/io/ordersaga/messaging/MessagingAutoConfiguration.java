package io.ordersaga.messaging;

import io.micrometer.observation.ObservationRegistry;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxBatchSession;
import io.ordersaga.messaging.inbox.InboxRetention;
import io.ordersaga.messaging.inbox.JpaInboxBatchSession;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.KafkaMessagingConfiguration;
import io.ordersaga.messaging.outbox.LogicalOutboxRelay;
import io.ordersaga.messaging.outbox.LogicalOutboxWriter;
import io.ordersaga.messaging.outbox.OutboxEventPublisher;
import io.ordersaga.messaging.outbox.OutboxRelay;
import io.ordersaga.messaging.outbox.OutboxTracing;
import io.ordersaga.messaging.outbox.OutboxWriter;
import io.ordersaga.messaging.outbox.TableOutboxWriter;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Switches on the shared plumbing for any service that has this module on its classpath: outbox and relay,
 * inbox, Kafka serdes and dead letters, topic declarations and correlation. The web side is
 * {@link io.ordersaga.messaging.web.MessagingWebAutoConfiguration}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
@Import(KafkaMessagingConfiguration.class)
public class MessagingAutoConfiguration {

    /** Migrated unless Flyway is switched off for the service as a whole ({@code spring.flyway.enabled=false}). */
    @Bean
    MessagingSchema messagingSchema(DataSource dataSource,
                                    @Value("${spring.flyway.enabled:true}") boolean migrate) {
        return new MessagingSchema(dataSource, migrate);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The table relay, unless {@code ordersaga.messaging.outbox.relay=logical}. */
    @Bean
    @ConditionalOnProperty(prefix = "ordersaga.messaging.outbox", name = "relay", havingValue = "table",
            matchIfMissing = true)
    OutboxRelay outboxRelay(MessagingSchema schema, DataSource dataSource, KafkaTemplate<String, Object> kafka,
                            MessagingProperties properties, ObjectProvider<OutboxTracing> tracing) {
        return new OutboxRelay(dataSource, kafka, properties.getOutbox(),
                tracing.getIfAvailable(() -> OutboxTracing.NONE));
    }

    /**
     * With {@code ordersaga.messaging.outbox.relay=logical}: checks the server and prepares its slot as it is
     * created, so a server without logical decoding fails the start with what to do.
     */
    @Bean
    @ConditionalOnProperty(prefix = "ordersaga.messaging.outbox", name = "relay", havingValue = "logical")
    LogicalOutboxRelay logicalOutboxRelay(MessagingSchema schema, DataSource dataSource,
                                          DataSourceProperties database, KafkaTemplate<String, Object> kafka,
                                          MessagingProperties properties, ObjectProvider<OutboxTracing> tracing) {
        return new LogicalOutboxRelay(dataSource, new LogicalOutboxRelay.Login(database.determineUrl(),
                database.determineUsername(), database.determinePassword()), kafka, properties.getOutbox(),
                tracing.getIfAvailable(() -> OutboxTracing.NONE));
    }

    @Bean
    EventPublisher eventPublisher(MessagingSchema schema, JdbcTemplate jdbc, EnvelopeCodec codec,
                                  MessagingProperties properties, ObjectProvider<OutboxRelay> tableRelay, Clock clock,
                                  @Value("${spring.application.name}") String applicationName,
                                  ObjectProvider<OutboxTracing> tracing) {
        OutboxWriter writer = switch (properties.getOutbox().getRelay()) {
            case TABLE -> new TableOutboxWriter(jdbc, tableRelay.getObject());
            case LOGICAL -> new LogicalOutboxWriter(jdbc);
        };
        return new OutboxEventPublisher(codec, writer, applicationName, clock,
                tracing.getIfAvailable(() -> OutboxTracing.NONE));
    }

    @Bean
    Inbox inbox(MessagingSchema schema, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                @Value("${spring.kafka.consumer.group-id}") String group,
                @Value("${spring.kafka.listener.observation-enabled:false}") boolean observed,
                ObjectProvider<ObservationRegistry> observations, ObjectProvider<InboxBatchSession> sessions) {
        return new Inbox(jdbc, new TransactionTemplate(transactionManager), group,
                observed ? observations.getIfAvailable(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP,
                sessions);
    }

    /** Removes inbox rows older than {@code ordersaga.messaging.inbox.retention}; {@code 0} keeps them forever. */
    @Bean
    InboxRetention inboxRetention(MessagingSchema schema, DataSource dataSource, MessagingProperties properties) {
        return new InboxRetention(dataSource, properties.getInbox());
    }

    /**
     * With JPA on the classpath, a batch clears the persistence context after each record, or with
     * {@code ordersaga.messaging.batch.persistence-context=per-batch} keeps it and flushes once at commit.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.EntityManagerFactoryUtils"})
    static class JpaBatchSessionConfiguration {

        @Bean
        InboxBatchSession jpaInboxBatchSession(ObjectProvider<jakarta.persistence.EntityManagerFactory> factories,
                @Value("${ordersaga.messaging.batch.persistence-context:per-record}") String mode) {
            return new JpaInboxBatchSession(factories,
                    JpaInboxBatchSession.Mode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        }
    }
}
