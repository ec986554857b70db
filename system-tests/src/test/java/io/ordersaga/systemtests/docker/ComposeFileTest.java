package io.ordersaga.systemtests.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.MessagingProperties;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against DESIGN.md sections 2 and 6 and against each service's own configuration: a service,
 * port, variable, healthcheck or topic that drifts from either fails the build. Needs no Docker.
 */
class ComposeFileTest {

    /** DESIGN section 2: the services and their ports. */
    static final Map<String, Integer> DESIGN_PORTS = Map.of("order-service", 8081, "inventory-service", 8082,
            "payment-service", 8083, "shipping-service", 8084);
    /** Issue 9's stream processor: built like the services, but with no database. */
    static final String ANALYTICS = "analytics-service";
    /** Issue 23's token issuer: built like the services, with no database and no Kafka. */
    static final String ISSUER = "auth-server";
    /** The address the services check tokens against and the issuer signs with. */
    static final String ISSUER_URI = "http://auth-server:9000";
    /** DESIGN section 6: how every service is configured. */
    static final Set<String> DESIGN_VARIABLES = Set.of("KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SERVER_PORT", "ORDERSAGA_DEMO_DATA");
    /** The other settings compose gives the services (docs/configuration.md). */
    static final Set<String> TUNING_VARIABLES = Set.of("ORDERSAGA_MESSAGING_TOPICS_PARTITIONS",
            "ORDERSAGA_MESSAGING_TOPICS_REPLICATION_FACTOR", "ORDERSAGA_MESSAGING_TOPICS_MIN_INSYNC_REPLICAS",
            "SPRING_KAFKA_LISTENER_CONCURRENCY");
    /** Trace export and JSON logs (docs/observability.md); ObservabilityProfileTest checks what they do. */
    static final Set<String> OBSERVABILITY_VARIABLES = Set.of("OTEL_EXPORTER_OTLP_ENDPOINT", "ORDERSAGA_JSON_LOGS",
            "MANAGEMENT_TRACING_SAMPLING_PROBABILITY");
    private static final long FOUR_GIGABYTES = 4L << 30;

    private final ComposeFile compose = ComposeFile.load("docker-compose.yml");

    @Test
    void composeBuildsExactlyTheServicesOfDesignSection2AnalyticsAndTheIssuer() {
        Set<String> built = new java.util.HashSet<>(DESIGN_PORTS.keySet());
        built.add(ANALYTICS);
        built.add(ISSUER);
        assertThat(compose.serviceNames().stream().filter(name -> compose.service(name).isBuilt()))
                .containsExactlyInAnyOrderElementsOf(built);
    }

    @Test
    void analyticsListensOnItsOwnPortWithoutADatabase() {
        ServiceConfig code = ServiceConfig.of(ANALYTICS);
        assertThat(code.applicationName()).isEqualTo(ANALYTICS);
        assertThat(code.serverPort()).isEqualTo(8085);
        Map<String, String> environment = compose.service(ANALYTICS).environment();
        assertThat(environment).containsEntry("SERVER_PORT", "8085").containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(environment.keySet()).noneMatch(name -> name.startsWith("SPRING_DATASOURCE"));
    }

    @Test
    void theIssuerRunsBesideTheServicesWithItsKeyOnANamedVolumeAndEveryApiChecksItsTokens() {
        ComposeService issuer = compose.service(ISSUER);
        String config = Repository.read("auth-server/src/main/resources/application.yml");
        assertThat(config).as("the variables compose gives are the ones auth-server reads")
                .contains("port: 9000", "${ORDERSAGA_ISSUER_URI:", "${ORDERSAGA_AUTH_KEYS_DIR:");
        assertThat(issuer.environment())
                .containsOnlyKeys("SERVER_PORT", "ORDERSAGA_ISSUER_URI", "ORDERSAGA_AUTH_KEYS_DIR", "JAVA_TOOL_OPTIONS")
                .containsEntry("SERVER_PORT", "9000").containsEntry("ORDERSAGA_ISSUER_URI", ISSUER_URI);
        String keys = issuer.environment().get("ORDERSAGA_AUTH_KEYS_DIR");
        assertThat(issuer.volumes()).as("the signing key outlives the container")
                .anyMatch(volume -> volume.startsWith("auth-data:") && keys.startsWith(volume.split(":")[1] + "/"));
        assertThat(compose.volumeNames()).contains("auth-data");
        assertThat(issuer.ports()).as("bin/token reaches it from the host").containsExactly("9000:9000");
        assertThat(issuer.dependsOn()).as("it needs neither Kafka nor PostgreSQL").isEmpty();
        assertThat(compose.service("gateway").dependsOn()).containsEntry(ISSUER, "service_healthy");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).environment()).as(service)
                    .containsEntry("ORDERSAGA_SECURITY_ISSUER_URI", ISSUER_URI)
                    .as("%s: the admin role replaced the shared admin secret", service)
                    .doesNotContainKey("ORDERSAGA_ADMIN_TOKEN");
        }
        assertThat(compose.service(ANALYTICS).environment()).containsEntry("ORDERSAGA_SECURITY_ISSUER_URI", ISSUER_URI);
    }

    @Test
    void eachServiceListensOnItsDesignPortAsItsOwnConfigurationDoes() {
        DESIGN_PORTS.forEach((service, port) -> {
            ServiceConfig code = ServiceConfig.of(service);
            assertThat(code.applicationName()).as("spring.application.name in %s.yml", service).isEqualTo(service);
            assertThat(code.serverPort()).as("server.port in %s.yml", service).isEqualTo(port);
            assertThat(compose.service(service).environment()).as(service).containsEntry("SERVER_PORT", port.toString());
        });
    }

    @Test
    void eachServiceIsConfiguredWithTheVariablesOfDesignSection6AndDemoData() {
        for (String service : DESIGN_PORTS.keySet()) {
            Map<String, String> environment = compose.service(service).environment();
            assertThat(environment.keySet()).as(service).containsAll(DESIGN_VARIABLES);
            assertThat(environment).as(service).containsEntry("ORDERSAGA_DEMO_DATA", "true");
        }
    }

    @Test
    void everyVariableGivenToAServiceIsOneTheServiceReads() {
        Set<String> known = new HashSet<>(DESIGN_VARIABLES);
        known.addAll(TUNING_VARIABLES);
        known.addAll(OBSERVABILITY_VARIABLES);
        known.add("ORDERSAGA_SECURITY_ISSUER_URI");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).environment().keySet()).as(service).isSubsetOf(known);
        }
    }

    @Test
    void eachServiceLogsIntoItsOwnDatabaseWithAPasswordFromTheEnvironment() {
        String initScript = Repository.read("docker/postgres/init-service-databases.sh");
        Map<String, String> postgres = compose.service("postgres").rawEnvironment();
        for (String service : DESIGN_PORTS.keySet()) {
            ServiceConfig code = ServiceConfig.of(service);
            assertThat(compose.service(service).environment()).as(service)
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + code.database())
                    .containsEntry("SPRING_DATASOURCE_USERNAME", code.datasourceUsername());
            String password = compose.service(service).rawEnvironment().get("SPRING_DATASOURCE_PASSWORD");
            Matcher reference = Pattern.compile("\\$\\{(\\w+)[^}]*}").matcher(password);
            assertThat(reference.matches()).as("%s's password is a ${VARIABLE}, not a value: %s", service, password)
                    .isTrue();
            String variable = reference.group(1);
            assertThat(postgres).as("postgres gets %s for its init script", variable)
                    .containsEntry(variable, password);
            assertThat(initScript).as("the init script creates %s with %s", code.database(), variable)
                    .contains("create_service_database " + code.database() + " \"${" + variable);
        }
    }

    @Test
    void everyClientReachesKafkaOnTheBrokersInternalListener() {
        String internal = advertisedListeners(compose.service("kafka")).get("INTERNAL");
        assertThat(internal).isEqualTo("kafka:29092");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).environment()).as(service)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", internal);
        }
        assertThat(compose.service("kafka-init").environment()).containsEntry("BOOTSTRAP_SERVERS", internal);
        assertThat(compose.service("kafka-ui").environment()).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", internal);
    }

    @Test
    void servicesDeclareTheirTopicsWithTheSettingsTheTopicJobCreatesThemWith() {
        Map<String, String> job = compose.service("kafka-init").environment();
        for (String service : DESIGN_PORTS.keySet()) {
            MessagingProperties.Topics topics = BoundSettings.topics(compose.service(service).environment());
            assertThat(topics.getPartitions()).as(service).isEqualTo(Integer.parseInt(job.get("TOPIC_PARTITIONS")));
            assertThat(topics.getReplicationFactor()).as(service)
                    .isEqualTo(Short.parseShort(job.get("TOPIC_REPLICATION_FACTOR")));
            assertThat(topics.getMinInsyncReplicas()).as("%s: a single broker keeps its default", service).isNull();
            Map<String, String> environment = compose.service(service).environment();
            assertThat(BoundSettings.listenerConcurrency(environment)).as(service)
                    .contains(Integer.parseInt(environment.get("SPRING_KAFKA_LISTENER_CONCURRENCY")));
        }
    }

    @Test
    void eachServiceIsHealthyWhenItsActuatorReadinessProbeSaysSo() {
        Map<String, Integer> ports = new LinkedHashMap<>(DESIGN_PORTS);
        ports.put(ISSUER, 9000);
        ports.forEach((service, port) -> {
            ComposeService container = compose.service(service);
            String probe = inContainer(String.join(" ", container.healthcheck()), container.environment());
            assertThat(probe).as(service).contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
        });
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckARestartPolicyAndAMemoryLimit() {
        for (String name : compose.serviceNames()) {
            ComposeService service = compose.service(name);
            assertThat(service.memoryLimit()).as("mem_limit of %s", name).isPresent();
            if (!service.isJob()) {
                assertThat(service.healthcheck()).as("healthcheck of %s", name).isNotEmpty();
                assertThat(service.restart()).as("restart policy of %s", name).isIn("unless-stopped", "always");
            }
        }
    }

    @Test
    void servicesStartOnceDatabaseAndBrokerAreHealthyAndTheTopicsExist() {
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).dependsOn()).as(service)
                    .containsEntry("postgres", "service_healthy")
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("kafka-init", "service_completed_successfully");
        }
        assertThat(compose.service("kafka-init").isJob()).isTrue();
        assertThat(compose.service("kafka-init").dependsOn()).containsEntry("kafka", "service_healthy");
    }

    @Test
    void theTopicJobCreatesEverySagaTopicAndEachConsumersDeadLetterTopics() {
        Set<String> expected = new TreeSet<>(Topics.SAGA_TOPICS);
        expected.add(Topics.SYSTEM_EVENTS);
        for (String service : DESIGN_PORTS.keySet()) {
            ServiceConfig code = ServiceConfig.of(service);
            code.consumedTopics().forEach(topic -> expected.add(Topics.deadLetter(topic, code.applicationName())));
        }
        ComposeService job = compose.service("kafka-init");
        assertThat(job.command()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(job.volumes()).contains("./docker/kafka/create-topics.sh:/ordersaga/create-topics.sh:ro");
    }

    @Test
    void kafkaIsOneKraftNodeOfTheClientsReleaseWithSingleNodeSettings() {
        ComposeService kafka = compose.service("kafka");
        assertThat(kafka.image()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(compose.service("kafka-init").image()).isEqualTo(kafka.image());
        assertThat(kafka.environment())
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(kafka.volumes()).contains("kafka-data:/var/lib/kafka/data");
        assertThat(compose.volumeNames()).contains("kafka-data");
    }

    @Test
    void hostToolsReachKafkaOnLocalhost9092() {
        ComposeService kafka = compose.service("kafka");
        assertThat(kafka.ports()).containsExactly("9092:9092");
        assertThat(kafka.environment().get("KAFKA_LISTENERS")).contains("HOST://:9092");
        assertThat(advertisedListeners(kafka)).containsEntry("HOST", "localhost:9092");
    }

    @Test
    void postgresIs17WithTheServiceDatabasesCreatedOnFirstStartAndItsDataOnANamedVolume() {
        ComposeService postgres = compose.service("postgres");
        assertThat(postgres.image()).isEqualTo("postgres:17");
        assertThat(postgres.volumes()).contains("postgres-data:/var/lib/postgresql/data")
                .anyMatch(volume -> volume.startsWith(
                        "./docker/postgres/init-service-databases.sh:/docker-entrypoint-initdb.d/"));
        assertThat(compose.volumeNames()).contains("postgres-data");
    }

    @Test
    void onlyTheGatewayPublishesTheServicesSoAnyServiceCanBeScaled() {
        ComposeService gateway = compose.service("gateway");
        String nginx = Repository.read("docker/gateway/nginx.conf");
        DESIGN_PORTS.forEach((service, port) -> {
            assertThat(compose.service(service).ports()).as("%s publishes no port of its own", service).isEmpty();
            assertThat(gateway.ports()).contains(port + ":" + port);
            assertThat(nginx).as("nginx.conf forwards %d to %s", port, service).containsPattern(Pattern.compile(
                    "listen " + port + ";\\s*location / \\{\\s*set \\$service http://" + service + ":" + port + ";"));
            assertThat(gateway.dependsOn()).containsEntry(service, "service_healthy");
        });
        assertThat(String.join(" ", gateway.healthcheck())).contains("/actuator/health/readiness");
    }

    @Test
    void theUiProfileAddsAKafkaWebUi() {
        ComposeService ui = compose.service("kafka-ui");
        assertThat(ui.profiles()).containsExactly("ui");
        assertThat(ui.image()).startsWith("kafbat/kafka-ui:");
    }

    @Test
    void theDefaultStackFitsInFourGigabytesOfMemory() {
        // Every container that keeps running; the topic job ends before the services start. The optional profiles
        // come on top: the ui one's single container (384 MB; issue 23's issuer took the room it had), the
        // observability one with a budget of its own (ObservabilityProfileTest).
        long total = compose.serviceNames().stream().map(compose::service).filter(service -> !service.isJob())
                .filter(service -> service.profiles().isEmpty())
                .mapToLong(service -> service.memoryLimit().orElseThrow()).sum();
        assertThat(total).isLessThan(FOUR_GIGABYTES);
    }

    /** Listener name to host:port, from KAFKA_ADVERTISED_LISTENERS. */
    static Map<String, String> advertisedListeners(ComposeService broker) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : broker.environment().get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            String[] parts = listener.split("://");
            listeners.put(parts[0], parts[1]);
        }
        return listeners;
    }

    /** {@code command} after the container's shell has expanded its ${VARIABLES}. */
    private static String inContainer(String command, Map<String, String> environment) {
        Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(command);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(expanded,
                    Matcher.quoteReplacement(environment.getOrDefault(variable.group(1), "")));
        }
        return variable.appendTail(expanded).toString();
    }
}
