package io.ordersaga.benchmarks.suite;

import io.ordersaga.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** The broker as the benchmark sees it: how many saga records exist, and scratch topics for the limits. */
public final class SagaTopics implements AutoCloseable {

    /** order-service's timeline and views, and analytics-service's Kafka Streams application. */
    static final List<String> READ_MODEL_GROUPS = List.of("order-service-timeline", "analytics-service");
    public static final String FULL = "full suite";
    public static final String SAGA_ONLY = "saga only";

    private final Admin admin;

    public SagaTopics(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ordersaga-benchmark-admin");
        admin = Admin.create(config);
    }

    /** The sum of the end offsets of the four saga topics: every record the saga ever produced. */
    public long sagaRecords() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(Topics.SAGA_TOPICS).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(p ->
                latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /**
     * The profile the suite runs, from which read-model consumer groups have members: the full suite (order-service's
     * timeline and views, analytics-service), the saga only ({@code bin/local-stack --saga-only}: neither), or what
     * runs in between. Every report names it, since the two profiles cost an order differently.
     */
    public String profile() throws InterruptedException, TimeoutException {
        List<String> running = new ArrayList<>();
        // One request for both groups; each answers on its own, so a group the broker does not know fails alone.
        Map<String, KafkaFuture<ConsumerGroupDescription>> groups =
                admin.describeConsumerGroups(READ_MODEL_GROUPS).describedGroups();
        for (String group : READ_MODEL_GROUPS) {
            try {
                if (!groups.get(group).get(30, TimeUnit.SECONDS).members().isEmpty()) {
                    running.add(group);
                }
            } catch (ExecutionException e) {
                // no such group: not running
            }
        }
        return profile(running);
    }

    static String profile(List<String> runningReadModelGroups) {
        if (runningReadModelGroups.isEmpty()) {
            return SAGA_ONLY + " (no consumer in " + String.join(" or ", READ_MODEL_GROUPS) + ")";
        }
        return runningReadModelGroups.size() == READ_MODEL_GROUPS.size() ? FULL + " (read models and analytics)"
                : "partial (read-model groups with consumers: " + String.join(", ", runningReadModelGroups) + ")";
    }

    /** The saga topics' partition count, which the producer limit's scratch topic copies. */
    public int sagaPartitions() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(Topics.ORDER_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.ORDER_EVENTS).partitions().size();
    }

    public void createScratch(String name, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        deleteScratch(name);
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    public void deleteScratch(String name) throws InterruptedException, TimeoutException {
        try {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
                waitUntilGone(name);
            }
        } catch (ExecutionException e) {
            // already gone
        }
    }

    private void waitUntilGone(String name) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
