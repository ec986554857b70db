package io.ordersaga.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;

/**
 * A KRaft node in this JVM set up like a broker of docker-compose.cluster.yml: clients must log in with SASL/SCRAM
 * (SCRAM-SHA-512) and Kafka's {@code StandardAuthorizer} checks every request against the ACLs. The users and their
 * passwords are written into the storage when it is formatted ({@code kafka-storage.sh format --add-scram}), so they
 * exist before the first request, as they must for brokers that log in to each other with SCRAM.
 *
 * <p>It is {@link KafkaServerProperties#singleNode local-stack's node} with the listeners changed. The controller
 * listener takes SASL/PLAIN with one login for the node itself: SCRAM users live in the metadata the controller
 * serves, so the controller cannot check SCRAM logins to itself.
 */
final class SecuredKafka implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";

    private static final String CONTROLLER_USER = "controller";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private KafkaRaftServer server;

    /** @param users the SCRAM users besides {@value #ADMIN}, the super user; each gets a random password */
    SecuredKafka(Path dir, int port, int controllerPort, Collection<String> users) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        passwords.put(ADMIN, UUID.randomUUID().toString());
        users.forEach(user -> passwords.put(user, UUID.randomUUID().toString()));
    }

    void start() {
        Properties properties = serverProperties();
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(Files.createDirectories(dir).resolve("server.properties"))) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> format = new ArrayList<>(
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        passwords.forEach((user, password) -> {
            format.add("--add-scram");
            format.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            if (StorageTool.execute(format.toArray(String[]::new), out) != 0) {
                throw new IllegalStateException("format failed: " + output.toString(StandardCharsets.UTF_8));
            }
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
    }

    String password(String user) {
        return passwords.get(user);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** What a client of {@code user} sets to log in: {@code spring.kafka.properties.*} in a service. */
    Map<String, Object> client(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramLogin(user, password));
        return config;
    }

    Map<String, Object> client(String user) {
        return client(user, password(user));
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties serverProperties() {
        Properties p = KafkaServerProperties.singleNode(port, controllerPort, dir.resolve("data"));
        p.setProperty("listeners", "CLIENT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "CLIENT://localhost:" + port);
        p.setProperty("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "CLIENT");
        p.setProperty("sasl.enabled.mechanisms", MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config", scramLogin(ADMIN, password(ADMIN)));
        String controllerPassword = UUID.randomUUID().toString();
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER_USER
                        + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER_USER + "=\""
                        + controllerPassword + "\";");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:" + ADMIN + ";User:" + CONTROLLER_USER);
        return p;
    }

    private static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
