package io.ordersaga.payment.config;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The ledger's optimistic retry runs each attempt in a savepoint, which the JDBC transaction manager supports and
 * the JPA one refuses. Declared explicitly so that a JPA provider on the classpath (as in system-tests, where the
 * four services share one classpath) cannot swap in a {@code JpaTransactionManager}.
 */
@Configuration(proxyBeanMethods = false)
class LedgerTransactionConfiguration {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
