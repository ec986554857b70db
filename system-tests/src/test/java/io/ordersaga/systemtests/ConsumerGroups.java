package io.ordersaga.systemtests;

import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Consumer groups through Kafka's Admin API: whether a group has caught up (its committed offsets are the ends of the
 * partitions it consumes), which groups exist, and resetting groups to the earliest offsets as
 * {@code kafka-consumer-groups.sh --reset-offsets --to-earliest --all-topics --execute} does.
 */
public final class ConsumerGroups {

    private static final long CALL_SECONDS = 10;

    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} has handled everything that was on its partitions when the wait began: on every
     * partition it has committed on, its committed offset reaches the end that partition had when first looked at
     * (for a partition it commits on for the first time during the wait, the end then). Records that arrive during
     * the wait need not be handled too, so a steady trickle of other records (another test's, or ones the group skips
     * and commits only every {@code ordersaga.messaging.batch.commit-interval}) cannot keep the wait from ending, as a
     * lag of exactly 0 could. On timeout it says which partitions lag and who is in the group.
     */
    static void awaitCaughtUp(String bootstrapServers, String group, Duration timeout, KafkaTestClient kafka) {
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, Long> targets = new HashMap<>();
            try {
                Awaitility.await("consumer group " + group + " caught up").atMost(timeout)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> caughtUp(admin, group, targets));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Consumer group " + group + " has not caught up within " + timeout
                        + " with the ends " + targets + ": " + describe(admin, group, kafka), e);
            }
        }
    }

    /**
     * The group's state and members, and each partition it lags on: committed offset against the end, and the first
     * records past the committed offset (offset, event type, key).
     */
    private static String describe(Admin admin, String group, KafkaTestClient kafka) {
        StringBuilder out = new StringBuilder();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(CALL_SECONDS, TimeUnit.SECONDS).get(group);
            out.append("state ").append(description.groupState()).append(", members ");
            out.append(description.members().stream().map(member -> member.clientId() + " "
                    + member.assignment().topicPartitions().size() + " partition(s)").toList());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(CALL_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = ends(admin, committed.keySet());
            committed.forEach((partition, offset) -> {
                long end = ends.get(partition).offset();
                long at = offset == null ? 0 : offset.offset();
                if (end != at) {
                    out.append("; ").append(partition).append(" committed ").append(at).append(", end ").append(end)
                            .append(' ').append(records(kafka, partition, at, end));
                }
            });
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            out.append(" (could not describe it: ").append(e).append(')');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
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

    /** Up to 5 records of {@code partition} from offset {@code from} on, before {@code to}: offset, type, key. */
    private static List<String> records(KafkaTestClient kafka, TopicPartition partition, long from, long to) {
        return kafka.records(partition.topic()).stream()
                .filter(record -> record.partition() == partition.partition())
                .filter(record -> record.offset() >= from && record.offset() < to).limit(5)
                .map(record -> record.offset() + " " + EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)
                        + " key " + record.key())
                .toList();
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends(
            Admin admin, Collection<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition,
                partition -> OffsetSpec.latest()))).all().get();
    }

    private static Admin admin(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> targets)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (committed.isEmpty()) {
            return false;
        }
        Set<TopicPartition> unseen = new HashSet<>(committed.keySet());
        unseen.removeAll(targets.keySet());
        if (!unseen.isEmpty()) {
            ends(admin, unseen).forEach((partition, end) -> targets.put(partition, end.offset()));
        }
        return committed.entrySet().stream().allMatch(e -> e.getValue() != null
                && e.getValue().offset() >= targets.get(e.getKey()));
    }

    private static long lag(Admin admin, String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (committed.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = ends(admin, committed.keySet());
        return committed.entrySet().stream()
                .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                .sum();
    }
}
