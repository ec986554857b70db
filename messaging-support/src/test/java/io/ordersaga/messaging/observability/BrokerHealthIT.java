package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.it.MessagingTestApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Readiness covers the broker and the database; liveness covers neither. Same context as MessagingPlumbingIT. */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class BrokerHealthIT {

    @Autowired KafkaHealthIndicator kafka;
    @Autowired HealthEndpointGroups groups;

    @Test
    void kafkaIsUpWhileTheBrokerAnswers() {
        Health health = kafka.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKey("clusterId").containsEntry("brokers", 1);
    }

    @Test
    void kafkaIsDownWhenNoBrokerAnswers() {
        BrokerClient nowhere = new BrokerClient(Map.of("bootstrap.servers", "localhost:1"), "health-probe");
        try {
            assertThat(new KafkaHealthIndicator(nowhere).health(true).getStatus()).isEqualTo(Status.DOWN);
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void readinessIncludesKafkaAndTheDatabaseAndLivenessNeither() {
        assertThat(groups.get("readiness").isMember("kafka")).isTrue();
        assertThat(groups.get("readiness").isMember("db")).isTrue();
        assertThat(groups.get("liveness").isMember("kafka")).isFalse();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
    }
}
