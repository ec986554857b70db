package io.ordersaga.messaging.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ordersaga.admin.*}: the admin endpoints of every service. The token binds from the environment variable
 * {@code ORDERSAGA_ADMIN_TOKEN}; while it is unset the admin endpoints refuse every request.
 */
@ConfigurationProperties("ordersaga.admin")
public class AdminProperties {

    /** The shared secret callers send as {@code Authorization: Bearer <token>}; unset switches the endpoints off. */
    private String token;
    /** How long reading a dead-letter topic or waiting for the broker's acknowledgement of a replay may take. */
    private Duration kafkaTimeout = Duration.ofSeconds(10);
    /** Only the newest records of each dead-letter partition are read; a DLT this long needs more than a list. */
    private int maxRecordsPerPartition = 1000;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** Whether a non-blank token is configured. */
    public boolean isEnabled() {
        return token != null && !token.isBlank();
    }

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
