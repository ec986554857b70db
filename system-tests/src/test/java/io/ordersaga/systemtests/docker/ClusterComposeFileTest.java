package io.ordersaga.systemtests.docker;

import static io.ordersaga.systemtests.docker.ComposeFileTest.DESIGN_PORTS;
import static io.ordersaga.systemtests.docker.ComposeFileTest.advertisedListeners;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.MessagingProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.cluster.yml, an overlay on docker-compose.yml: three KRaft brokers, topics replicated three times
 * with two in sync, and two instances of every service. Environments are merged as compose merges them.
 */
class ClusterComposeFileTest {

    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");
    private static final String ALL_BROKERS = "kafka:29092,kafka-2:29092,kafka-3:29092";
    private static final String START_SCRIPT =
            "./docker/kafka/start-secured-broker.sh:/ordersaga/start-secured-broker.sh:ro";
    private static final String ACLS_FILE = "./docker/kafka/acls.txt:/ordersaga/acls.txt:ro";

    private final ComposeFile base = ComposeFile.load("docker-compose.yml");
    private final ComposeFile cluster = ComposeFile.load("docker-compose.cluster.yml");

    @Test
    void threeKraftNodesFormOneQuorumOfOneCluster() {
        Set<String> nodeIds = new TreeSet<>();
        for (String broker : BROKERS) {
            Map<String, String> environment = environment(broker);
            assertThat(environment).as(broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("CLUSTER_ID", base.service("kafka").environment().get("CLUSTER_ID"));
            nodeIds.add(environment.get("KAFKA_NODE_ID"));
        }
        assertThat(nodeIds).containsExactly("1", "2", "3");
        assertThat(advertisedListeners(cluster.service("kafka-2"))).containsEntry("INTERNAL", "kafka-2:29092");
        assertThat(advertisedListeners(cluster.service("kafka-3"))).containsEntry("INTERNAL", "kafka-3:29092");
    }

    @Test
    void theAddedBrokersRunLikeTheFirstOneEachOnItsOwnVolume() {
        for (String broker : List.of("kafka-2", "kafka-3")) {
            ComposeService service = cluster.service(broker);
            assertThat(service.image()).as(broker).isEqualTo(base.service("kafka").image());
            assertThat(service.healthcheck()).as(broker).isNotEmpty();
            assertThat(service.restart()).as(broker).isEqualTo("unless-stopped");
            assertThat(service.memoryLimit()).as(broker).isPresent();
            assertThat(service.volumes()).as(broker).containsExactly(broker + "-data:/var/lib/kafka/data",
                    START_SCRIPT, ACLS_FILE);
            assertThat(cluster.volumeNames()).contains(broker + "-data");
        }
    }

    @Test
    void everyTopicIsReplicatedThreeTimesAndAWriteNeedsTwoInSyncReplicas() {
        for (String broker : BROKERS) {
            assertThat(environment(broker)).as(broker)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
        }
        assertThat(environment("kafka-init"))
                .containsEntry("BOOTSTRAP_SERVERS", ALL_BROKERS)
                .containsEntry("TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("TOPIC_MIN_INSYNC_REPLICAS", "2");
        assertThat(cluster.service("kafka-init").dependsOn())
                .containsEntry("kafka-2", "service_healthy")
                .containsEntry("kafka-3", "service_healthy");
    }

    @Test
    void everyServiceRunsTwiceOnAllBrokersAndDeclaresItsTopicsLikeTheTopicJob() {
        Map<String, String> job = environment("kafka-init");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(cluster.service(service).replicas()).as(service).isEqualTo(2);
            assertThat(cluster.service(service).dependsOn()).as(service)
                    .containsEntry("kafka-2", "service_healthy")
                    .containsEntry("kafka-3", "service_healthy");
            Map<String, String> environment = environment(service);
            assertThat(environment).as(service).containsEntry("KAFKA_BOOTSTRAP_SERVERS", ALL_BROKERS);
            MessagingProperties.Topics topics = BoundSettings.topics(environment);
            assertThat(topics.getReplicationFactor()).as(service)
                    .isEqualTo(Short.parseShort(job.get("TOPIC_REPLICATION_FACTOR")));
            assertThat(topics.getMinInsyncReplicas()).as(service)
                    .isEqualTo(Integer.parseInt(job.get("TOPIC_MIN_INSYNC_REPLICAS")));
            assertThat(topics.getPartitions()).as(service).isEqualTo(Integer.parseInt(job.get("TOPIC_PARTITIONS")));
        }
    }

    @Test
    void theUiSeesAllThreeBrokersAndLogsInAsTheViewer() {
        assertThat(environment("kafka-ui")).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", ALL_BROKERS)
                .containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertLogin(cluster.service("kafka-ui").rawEnvironment().get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG"),
                "viewer");
    }

    /** Every listener a client or broker uses asks for a login, and the authorizer checks each request. */
    @Test
    void everyBrokerTakesOnlyLoggedInClientsAndChecksTheAcls() {
        for (String broker : BROKERS) {
            Map<String, String> environment = environment(broker);
            assertThat(environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")).as(broker)
                    .allMatch(listener -> listener.endsWith(":SASL_PLAINTEXT"));
            assertThat(environment).as(broker)
                    .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                            "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_SUPER_USERS", "User:admin;User:controller")
                    .containsEntry("ACLS", "/ordersaga/acls.txt");
            ComposeService service = cluster.service(broker);
            assertThat(service.volumes()).as(broker).contains(START_SCRIPT, ACLS_FILE);
            assertThat(String.join(" ", service.healthcheck())).as(broker).contains("--command-config");
        }
        assertThat(cluster.service("kafka-init").volumes()).contains(ACLS_FILE);
    }

    /**
     * Each service logs in as itself, with a password compose takes from .env, the one its user was created with;
     * and docker/kafka/acls.txt lets it read every topic it consumes and write that topic's dead letters.
     */
    @Test
    void eachServiceLogsInAsItsOwnKafkaUserWhoseAclsCoverWhatItConsumes() {
        List<String> rules = Repository.read("docker/kafka/acls.txt").lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> services = new ArrayList<>(DESIGN_PORTS.keySet());
        services.add(ComposeFileTest.ANALYTICS);
        for (String service : services) {
            Map<String, String> environment = environment(service);
            assertThat(environment).as(service)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", ALL_BROKERS)
                    .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
            String variable = assertLogin(
                    cluster.service(service).rawEnvironment().get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"), service);
            String brokerVariable = "SCRAM_PASSWORD_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
            for (String broker : BROKERS) {
                assertThat(rawEnvironment(broker).get(brokerVariable)).as("%s's %s", broker, brokerVariable)
                        .startsWith("${" + variable + ":");
            }
            ServiceConfig code = ServiceConfig.of(service);
            for (String topic : code.consumedTopics()) {
                assertThat(rules).as("%s reads %s", service, topic)
                        .anyMatch(rule -> allows(rule, service, "Read", topic));
                String deadLetters = Topics.deadLetter(topic, code.applicationName());
                assertThat(rules).as("%s writes %s", service, deadLetters)
                        .anyMatch(rule -> allows(rule, service, "Write", deadLetters));
            }
        }
    }

    /** No password is written in the file: every one is a ${VARIABLE}, set in .env (demo values) or the shell. */
    @Test
    void noPasswordIsWrittenInTheFile() {
        Matcher password = Pattern.compile("password=\"([^\"]*)\"")
                .matcher(Repository.read("docker-compose.cluster.yml"));
        int passwords = 0;
        while (password.find()) {
            assertThat(password.group(1)).startsWith("${");
            passwords++;
        }
        assertThat(passwords).isGreaterThanOrEqualTo(8);
    }

    /** The JAAS login in {@code jaas}: SCRAM, as {@code user}, with a password from a variable; returns its name. */
    private static String assertLogin(String jaas, String user) {
        assertThat(jaas).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("username=\"" + user + "\"");
        Matcher password = Pattern.compile("password=\"\\$\\{(\\w+):\\?[^}]*}\"")
                .matcher(jaas);
        assertThat(password.find()).as("%s's password is a ${VARIABLE:?...}: %s", user, jaas).isTrue();
        return password.group(1);
    }

    /** Whether an acls.txt rule (principal operations resource-type pattern names) allows this on a topic. */
    private static boolean allows(String rule, String principal, String operation, String topic) {
        String[] fields = rule.split("\\s+");
        return fields[0].equals(principal) && List.of(fields[1].split(",")).contains(operation)
                && fields[2].equals("Topic") && fields[3].equals("literal")
                && List.of(fields[4].split(",")).contains(topic);
    }

    /** The service's environment in the base file, overridden key by key by the overlay. */
    private Map<String, String> environment(String service) {
        return merged(service, ComposeService::environment);
    }

    /** The same, as written: {@code ${VARIABLE}} references not interpolated. */
    private Map<String, String> rawEnvironment(String service) {
        return merged(service, ComposeService::rawEnvironment);
    }

    private Map<String, String> merged(String service, Function<ComposeService, Map<String, String>> environment) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (base.serviceNames().contains(service)) {
            merged.putAll(environment.apply(base.service(service)));
        }
        merged.putAll(environment.apply(cluster.service(service)));
        return merged;
    }
}
