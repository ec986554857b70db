package io.ordersaga.analytics.streams;

import io.ordersaga.analytics.config.AnalyticsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics this service writes, the names of its state stores, and every internal topic the topology needs, so
 * that all of them are declared explicitly instead of being left to Kafka Streams (a test keeps this list equal to
 * what the topology asks for).
 */
public final class AnalyticsTopics {

    /** Every OrderCompleted over the high-value threshold, as the same envelope, keyed by orderId. */
    public static final String HIGH_VALUE_ORDERS = "orders.high-value";
    /** {@link io.ordersaga.analytics.domain.BurstAlert}s as JSON, keyed by customerId. */
    public static final String CUSTOMER_BURSTS = "alerts.customer-bursts";

    /** Key-value: orderId → {@link io.ordersaga.analytics.domain.OrderJourney}. */
    public static final String ORDER_JOURNEYS = "order-journeys";
    /** Key-value: step → orders at that step (in flight), or that ended there (COMPLETED, CANCELLED). */
    public static final String ORDERS_BY_STEP = "orders-by-step";
    /** Key-value: customerId → orders placed. */
    public static final String ORDERS_PER_CUSTOMER = "orders-per-customer";
    /** Windowed (burst window): customerId → orders placed. */
    public static final String CUSTOMER_BURST_WINDOWS = "customer-burst-windows";
    /** Windowed (revenue window): customerId → revenue of completed orders. */
    public static final String CUSTOMER_REVENUE_WINDOWS = "customer-revenue-windows";
    /** Windowed (1 s): milestone key → count. */
    public static final String MILESTONES_PER_SECOND = "milestones-per-second";
    /** Windowed (1 min): milestone key → count. */
    public static final String MILESTONES_PER_MINUTE = "milestones-per-minute";

    static final String BY_CUSTOMER = "by-customer";
    static final String BY_STEP = "by-step";
    static final String BY_MILESTONE = "by-milestone";

    static final Duration SECOND = Duration.ofSeconds(1);
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration PER_SECOND_GRACE = Duration.ofSeconds(10);
    static final Duration PER_SECOND_RETENTION = Duration.ofMinutes(10);

    /** Kafka Streams keeps a window store's changelog this much longer than the store (its default). */
    private static final Duration CHANGELOG_EXTRA_RETENTION = Duration.ofDays(1);

    private AnalyticsTopics() {
    }

    /** A topic the service needs, before partitions and replication are chosen for the cluster. */
    public record Declaration(String name, Map<String, String> config) {

        public NewTopic toNewTopic(int partitions, short replicationFactor, Integer minInsyncReplicas) {
            TopicBuilder builder = TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor)
                    .configs(config);
            if (minInsyncReplicas != null) {
                builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas.toString());
            }
            return builder.build();
        }
    }

    /**
     * The output topics and the internal ones, named as Kafka Streams names them ({@code <application.id>-<name>-
     * repartition}, {@code <application.id>-<store>-changelog}) and configured as it would configure them.
     */
    public static List<Declaration> declarations(String applicationId, AnalyticsProperties properties) {
        return List.of(
                new Declaration(HIGH_VALUE_ORDERS, Map.of()),
                new Declaration(CUSTOMER_BURSTS, Map.of()),
                repartition(applicationId, BY_CUSTOMER),
                repartition(applicationId, BY_STEP),
                repartition(applicationId, BY_MILESTONE),
                changelog(applicationId, ORDER_JOURNEYS),
                changelog(applicationId, ORDERS_BY_STEP),
                changelog(applicationId, ORDERS_PER_CUSTOMER),
                windowedChangelog(applicationId, CUSTOMER_BURST_WINDOWS, properties.bursts().retention()),
                windowedChangelog(applicationId, CUSTOMER_REVENUE_WINDOWS, properties.revenue().retention()),
                windowedChangelog(applicationId, MILESTONES_PER_SECOND, PER_SECOND_RETENTION),
                windowedChangelog(applicationId, MILESTONES_PER_MINUTE, properties.outcomes().retention()));
    }

    public static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Streams deletes what it has consumed from a repartition topic itself, hence no time-based retention. */
    private static Declaration repartition(String applicationId, String name) {
        return new Declaration(repartitionTopic(applicationId, name), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    private static Declaration changelog(String applicationId, String store) {
        return new Declaration(changelogTopic(applicationId, store),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private static Declaration windowedChangelog(String applicationId, String store, Duration storeRetention) {
        return new Declaration(changelogTopic(applicationId, store), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(storeRetention.plus(CHANGELOG_EXTRA_RETENTION).toMillis())));
    }
}
