package io.ordersaga.messaging.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link InfrastructureMode#CONTAINERS}: the broker and the database server in Docker, started by Testcontainers and
 * removed by its reaper when the test JVM exits. The only class that touches Testcontainers, so a module without
 * it on its test classpath still runs in embedded mode.
 */
final class ContainerServers {

    /** The broker image of the Kafka client on the classpath: broker and client are always the same release. */
    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka").withTag(AppInfoParser.getVersion());
    /** The server docker-compose.yml runs. */
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    private ContainerServers() {
    }

    /**
     * Whether Testcontainers finds a Docker environment. Its search logs an ERROR for each way it tried; with
     * {@code quiet} (auto mode, where no Docker is an ordinary answer) that log is switched off for the search.
     */
    static boolean dockerAvailable(boolean quiet) {
        if (!quiet) {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        Logger search = (Logger) LoggerFactory.getLogger("org.testcontainers.dockerclient");
        Level level = search.getLevel();
        search.setLevel(Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } finally {
            search.setLevel(level);
        }
    }

    static String kafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        // The image reads broker properties from KAFKA_<PROPERTY> variables: num.partitions -> KAFKA_NUM_PARTITIONS.
        SharedKafka.BROKER_PROPERTIES.forEach((name, value) ->
                kafka.withEnv("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        kafka.start();
        return kafka.getBootstrapServers();
    }

    static PostgresServer postgres() {
        List<String> command = new ArrayList<>(List.of("postgres"));
        SharedPostgres.SERVER_CONFIG.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName("postgres")
                .withUsername(SharedPostgres.USER)
                .withPassword(SharedPostgres.PASSWORD);
        postgres.withCommand(command.toArray(String[]::new));
        postgres.start();
        return new PostgresServer(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
    }
}
