package io.ordersaga.messaging;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the outbox and inbox tables into the {@code messaging} schema with a history table of their own, so
 * the plumbing's schema evolves without touching the service's migration numbering. Beans that use the tables
 * depend on this one, so the schema exists before the relay or any listener starts.
 *
 * <p>{@code spring.flyway.enabled=false} turns this migration off along with the service's own: the Docker image's
 * class data sharing training run (Dockerfile) creates every bean with no database to reach.
 */
public class MessagingSchema implements InitializingBean {

    public static final String SCHEMA = "messaging";

    private final DataSource dataSource;
    private final boolean migrate;

    public MessagingSchema(DataSource dataSource) {
        this(dataSource, true);
    }

    public MessagingSchema(DataSource dataSource, boolean migrate) {
        this.dataSource = dataSource;
        this.migrate = migrate;
    }

    @Override
    public void afterPropertiesSet() {
        if (!migrate) {
            return;
        }
        Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/messaging")
                .load()
                .migrate();
    }
}
