package io.ordersaga.messaging.outbox;

import io.ordersaga.messaging.MessagingSchema;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.WireSerializer;
import io.ordersaga.messaging.testing.SharedKafka;
import io.ordersaga.messaging.testing.SharedPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/** What the relays' tests share: a database of their own with the messaging schema, producers, fresh topics. */
final class RelayFixtures {

    private RelayFixtures() {
    }

    static DataSource database(String name) {
        DataSource dataSource = new DriverManagerDataSource(SharedPostgres.jdbcUrl(name), SharedPostgres.USER,
                SharedPostgres.PASSWORD);
        new MessagingSchema(dataSource).afterPropertiesSet();
        return dataSource;
    }

    /** Producers as the services have them: {@code acks=all}, values through the wire serializer. */
    static DefaultKafkaProducerFactory<String, Object> producers() {
        return new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new WireSerializer(new EnvelopeCodec()));
    }

    /** A new topic of one partition, so that the order of its records is the order they were sent in. */
    static String newTopic(String prefix) throws Exception {
        String topic = prefix + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }
}
