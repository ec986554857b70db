package io.ordersaga.messaging.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** {@link InfrastructureMode#EMBEDDED}: the broker and the database server inside the test JVM, stopped at its exit. */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    static String kafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, SharedKafka.PARTITIONS);
        SharedKafka.BROKER_PROPERTIES.forEach(broker::brokerProperty);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "shared-kafka-stop"));
        return broker.getBrokersAsString();
    }

    /** zonky's superuser is {@link SharedPostgres#USER}; it is trusted on localhost, so any password works. */
    static PostgresServer postgres() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        SharedPostgres.SERVER_CONFIG.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting anyway
            }
        }, "shared-postgres-stop"));
        return new PostgresServer("localhost", postgres.getPort());
    }
}
