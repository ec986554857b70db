package io.ordersaga.messaging;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the outbox and inbox tables into the {@code messaging} schema with a history table of their own, so
 * the plumbing's schema evolves without touching the service's migration numbering. Beans that use the tables
 * depend on this one, so the schema exists before the relay or any listener starts.
 */
public class MessagingSchema implements InitializingBean {

    public static final String SCHEMA = "messaging";

    private final DataSource dataSource;

    public MessagingSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/messaging")
                .load()
                .migrate();
    }
}
