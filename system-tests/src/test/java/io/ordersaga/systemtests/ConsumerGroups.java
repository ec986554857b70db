package io.ordersaga.systemtests;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Whether a consumer group has caught up: its committed offsets are the ends of the partitions it consumes. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Waits until every partition {@code group} has committed on has no lag, that is until it handled its backlog. */
    static void awaitCaughtUp(String bootstrapServers, String group, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Awaitility.await("consumer group " + group + " caught up").atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> lag(admin, group) == 0);
        }
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
