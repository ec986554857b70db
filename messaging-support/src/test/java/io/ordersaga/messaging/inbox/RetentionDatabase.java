package io.ordersaga.messaging.inbox;

import io.ordersaga.messaging.MessagingSchema;
import io.ordersaga.messaging.testing.SharedPostgres;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database of its own on the shared test server, with the messaging schema migrated, and inbox rows made to order. */
final class RetentionDatabase {

    final DataSource dataSource;
    final JdbcTemplate jdbc;

    RetentionDatabase(String name) {
        dataSource = new DriverManagerDataSource(SharedPostgres.jdbcUrl(name), SharedPostgres.USER,
                SharedPostgres.PASSWORD);
        new MessagingSchema(dataSource).afterPropertiesSet();
        jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code count} rows of {@code consumer}, each a new event, processed {@code age} ago. */
    void insert(String consumer, int count, Duration age) {
        jdbc.update("""
                INSERT INTO messaging.inbox (consumer, event_id, event_type, processed_at)
                SELECT ?, gen_random_uuid(), 'OrderPlaced', now() - make_interval(secs => ?)
                FROM generate_series(1, ?)""", consumer, (double) age.toSeconds(), count);
    }

    long count(String condition) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM messaging.inbox WHERE " + condition, Long.class);
        return count == null ? 0 : count;
    }
}
