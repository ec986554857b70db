package io.ordersaga.systemtests;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Consumer groups through Kafka's Admin API: whether a group has caught up (its committed offsets are the ends of the
 * partitions it consumes), which groups exist, and resetting groups to the earliest offsets as
 * {@code kafka-consumer-groups.sh --reset-offsets --to-earliest --all-topics --execute} does.
 */
public final class ConsumerGroups {

    private static final long CALL_SECONDS = 10;

    private ConsumerGroups() {
    }

    /** Waits until every partition {@code group} has committed on has no lag, that is until it handled its backlog. */
    static void awaitCaughtUp(String bootstrapServers, String group, Duration timeout) {
        try (Admin admin = admin(bootstrapServers)) {
            Awaitility.await("consumer group " + group + " caught up").atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> lag(admin, group) == 0);
        }
    }

    /** The ids of the consumer groups the broker knows, with or without members. */
    static Set<String> all(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                    .map(GroupListing::groupId).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** How many records {@code group} has not handled yet, summed over the partitions it has committed on. */
    static long lag(String bootstrapServers, String group) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            return lag(admin, group);
        }
    }

    /**
     * Moves every committed offset of each group back to the start of its partition, once all the groups are empty
     * (their consumers stopped): the broker refuses to move the offsets of a group that has members, and a consumer
     * that has just closed may be seen as one for a moment. Partitions a group never committed on stay as they are,
     * as with {@code --all-topics}.
     */
    public static void resetToEarliest(String bootstrapServers, Collection<String> groups, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = admin(bootstrapServers)) {
            Awaitility.await("consumer groups " + groups + " empty").atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> admin.describeConsumerGroups(groups).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                            .values().stream().allMatch(group -> group.groupState() == GroupState.EMPTY));
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(CALL_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
                committed.keySet().forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
                Map<TopicPartition, OffsetAndMetadata> reset = new LinkedHashMap<>();
                admin.listOffsets(earliest).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                        .forEach((partition, start) -> reset.put(partition, new OffsetAndMetadata(start.offset())));
                admin.alterConsumerGroupOffsets(group, reset).all().get(CALL_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    private static long lag(Admin admin, String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (committed.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                .stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                .all().get();
        return committed.entrySet().stream()
                .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                .sum();
    }
}
