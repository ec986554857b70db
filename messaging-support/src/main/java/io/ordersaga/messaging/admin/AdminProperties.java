package io.ordersaga.messaging.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ordersaga.admin.*}: the admin endpoints of every service (access: the admin role, security package). */
@ConfigurationProperties("ordersaga.admin")
public class AdminProperties {

    /** How long reading a dead-letter topic or waiting for the broker's acknowledgement of a replay may take. */
    private Duration kafkaTimeout = Duration.ofSeconds(10);
    /** Only the newest records of each dead-letter partition are read; a DLT this long needs more than a list. */
    private int maxRecordsPerPartition = 1000;

    public Duration getKafkaTimeout() {
        return kafkaTimeout;
    }

    public void setKafkaTimeout(Duration kafkaTimeout) {
        this.kafkaTimeout = kafkaTimeout;
    }

    public int getMaxRecordsPerPartition() {
        return maxRecordsPerPartition;
    }

    public void setMaxRecordsPerPartition(int maxRecordsPerPartition) {
        this.maxRecordsPerPartition = maxRecordsPerPartition;
    }
}
