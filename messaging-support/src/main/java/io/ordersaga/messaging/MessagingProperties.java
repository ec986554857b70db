package io.ordersaga.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ordersaga.messaging.*}: what a service consumes and how the plumbing behaves. */
@ConfigurationProperties("ordersaga.messaging")
public class MessagingProperties {

    /**
     * The saga topics this service consumes: its {@link io.ordersaga.messaging.inbox.InboxListener} subscribes to
     * them, and a dead-letter topic is declared for each.
     */
    private List<String> consumedTopics = new ArrayList<>();
    private final Topics topics = new Topics();
    private final Outbox outbox = new Outbox();
    private final Inbox inbox = new Inbox();
    private final Retry retry = new Retry();

    public List<String> getConsumedTopics() {
        return consumedTopics;
    }

    public void setConsumedTopics(List<String> consumedTopics) {
        this.consumedTopics = consumedTopics;
    }

    public Topics getTopics() {
        return topics;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public Inbox getInbox() {
        return inbox;
    }

    public Retry getRetry() {
        return retry;
    }

    public static class Topics {
        private int partitions = 3;
        private short replicationFactor = 1;
        /** Applied as the topics' {@code min.insync.replicas} when set; leave unset on a single broker. */
        private Integer minInsyncReplicas;

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public Integer getMinInsyncReplicas() {
            return minInsyncReplicas;
        }

        public void setMinInsyncReplicas(Integer minInsyncReplicas) {
            this.minInsyncReplicas = minInsyncReplicas;
        }
    }

    public static class Outbox {
        /**
         * How events leave the service: {@code table} (rows of {@code messaging.outbox}, polled and deleted once
         * sent; works on any PostgreSQL) or {@code logical} (logical decoding messages read from a replication
         * slot; needs {@code wal_level=logical} and a role with {@code REPLICATION}, checked at start).
         */
        private Relay relay = Relay.TABLE;
        private boolean relayEnabled = true;
        /** The safety-net poll; a commit wakes the relay at once. */
        private Duration pollInterval = Duration.ofSeconds(1);
        private int batchSize = 500;

        public Relay getRelay() {
            return relay;
        }

        public void setRelay(Relay relay) {
            this.relay = relay;
        }

        public boolean isRelayEnabled() {
            return relayEnabled;
        }

        public void setRelayEnabled(boolean relayEnabled) {
            this.relayEnabled = relayEnabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    /** The outbox relays ({@code ordersaga.messaging.outbox.relay}). */
    public enum Relay {
        /** {@link io.ordersaga.messaging.outbox.OutboxRelay}: the fallback for servers without logical decoding. */
        TABLE,
        /** {@link io.ordersaga.messaging.outbox.LogicalOutboxRelay}. */
        LOGICAL
    }

    /** How long inbox rows are kept ({@link io.ordersaga.messaging.inbox.InboxRetention}). */
    public static class Inbox {
        /**
         * Rows older than this are removed; {@code 0} keeps them forever (retention off). A row is what makes a
         * redelivered event a no-op, so this must be at least as long as an event can come back: the consumed
         * topics' {@code retention.ms} (7 days by default), since a group whose committed offsets expired
         * ({@code offsets.retention.minutes}, also 7 days) or was reset re-reads its topics from the start. A shorter
         * window lets such an old event run its effect twice; a window below one day is logged as a
         * WARN at start.
         */
        private Duration retention = Duration.ofDays(7);
        /** How often the removal runs; the first run is one interval (at most a minute) after start. */
        private Duration retentionInterval = Duration.ofMinutes(10);
        /** Rows removed per statement (each its own short transaction). */
        private int retentionBatchSize = 5_000;

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getRetentionInterval() {
            return retentionInterval;
        }

        public void setRetentionInterval(Duration retentionInterval) {
            this.retentionInterval = retentionInterval;
        }

        public int getRetentionBatchSize() {
            return retentionBatchSize;
        }

        public void setRetentionBatchSize(int retentionBatchSize) {
            this.retentionBatchSize = retentionBatchSize;
        }
    }

    /** Bounded exponential back-off for transient handler failures, after which a record is dead-lettered. */
    public static class Retry {
        private Duration initialInterval = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxInterval = Duration.ofSeconds(2);
        private int maxRetries = 4;

        public Duration getInitialInterval() {
            return initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }
    }
}
