package io.ordersaga.messaging;

import io.ordersaga.messaging.kafka.ReadModelFetch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, added at the lowest precedence so a service's own configuration, environment
 * variables and command-line arguments still win. Written once here instead of in four {@code application.yml}s.
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "ordersagaMessagingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        defaults.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.consumer.enable-auto-commit", "false");
        // A killed instance's partitions move to a live one after 10 s instead of Kafka's default 45 s. Under Kafka 4's
        // consumer group protocol (group.protocol=consumer) the broker owns both settings and the client refuses them.
        if (!"consumer".equalsIgnoreCase(environment.getProperty("spring.kafka.consumer.properties.group.protocol"))) {
            defaults.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
            defaults.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "3000");
        }
        defaults.put("spring.kafka.producer.acks", "all");
        // The OpenAPI document (springdoc) says application/json for the answers instead of its default */*.
        defaults.put("springdoc.default-produces-media-type", "application/json");
        // One consumer per listener and instance: every consumer polls, fetches and commits on its own, so on a small
        // machine three per topic cost CPU without adding throughput (docs/performance.md, run q4: at 40 orders/s
        // p50 675 ms with 1 against 7.4 s with 3). Scale out with instances, or raise it where cores are plenty.
        defaults.put("spring.kafka.listener.concurrency", "1");
        // Offsets are committed once per poll, not once per record: a crash re-delivers at most the last poll's
        // records, and the inbox turns each re-delivery into a no-op. A saga consumer commits a poll that handled
        // nothing later, within ordersaga.messaging.batch.commit-interval (PollCommits).
        defaults.put("spring.kafka.listener.ack-mode", "batch");
        // Read models fetch a fifth of a second's records at a time (ReadModelFetch); the saga's consumers do not wait.
        defaults.put(ReadModelFetch.MIN_BYTES_PROPERTY, Integer.toString(ReadModelFetch.DEFAULT_MIN_BYTES));
        defaults.put(ReadModelFetch.MAX_WAIT_PROPERTY, Integer.toString(ReadModelFetch.DEFAULT_MAX_WAIT_MS));
        defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
        defaults.put("spring.jpa.open-in-view", "false");
        if (perBatchPersistenceContext(environment)) {
            // A batch flushed once at commit sends its inserts and updates to PostgreSQL in JDBC batches, grouped by
            // table (docs/performance.md, sections 6, 11 and 12). Per record, a flush holds a record's few rows, and
            // these settings would change nothing.
            defaults.put("spring.jpa.properties.hibernate.jdbc.batch_size", "50");
            defaults.put("spring.jpa.properties.hibernate.order_inserts", "true");
            defaults.put("spring.jpa.properties.hibernate.order_updates", "true");
        }
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health,info,metrics,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.health.readinessstate.enabled", "true");
        defaults.put("management.health.livenessstate.enabled", "true");
        // Ready only while the database and the broker answer; alive as long as the JVM works (a broker outage
        // must not get every service restarted).
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,kafka");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        // Every line names its trace, saga and order (empty where there is none), after the thread name.
        defaults.put("logging.pattern.correlation",
                "[traceId=%X{traceId:-} correlationId=%X{correlationId:-} orderId=%X{orderId:-}] ");
        // The Kafka clients log every configuration and rebalance step at INFO; spring-kafka still reports assignments.
        defaults.put("logging.level.org.apache.kafka", "WARN");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** {@code ordersaga.messaging.batch.persistence-context} is per-batch, in any spelling the binder accepts. */
    static boolean perBatchPersistenceContext(ConfigurableEnvironment environment) {
        String mode = environment.getProperty("ordersaga.messaging.batch.persistence-context", "");
        return mode.replace("-", "").replace("_", "").equalsIgnoreCase("perbatch");
    }
}
