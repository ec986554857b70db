package io.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.kafka.ReadModelFetch;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MessagingDefaultsTest {

    private static final String BATCH_SIZE = "spring.jpa.properties.hibernate.jdbc.batch_size";

    @ParameterizedTest
    @ValueSource(strings = {"per-batch", "PER_BATCH", "perBatch"})
    void aPerBatchPersistenceContextWritesInJdbcBatchesOrderedByTable(String mode) {
        StandardEnvironment environment = environment(Map.of("ordersaga.messaging.batch.persistence-context", mode));

        assertThat(environment.getProperty(BATCH_SIZE)).isEqualTo("50");
        assertThat(environment.getProperty("spring.jpa.properties.hibernate.order_inserts")).isEqualTo("true");
        assertThat(environment.getProperty("spring.jpa.properties.hibernate.order_updates")).isEqualTo("true");
    }

    @Test
    void aPerRecordPersistenceContextLeavesHibernatesDefaults() {
        assertThat(environment(Map.of()).containsProperty(BATCH_SIZE)).isFalse();
        assertThat(environment(Map.of("ordersaga.messaging.batch.persistence-context", "per-record"))
                .containsProperty(BATCH_SIZE)).isFalse();
    }

    @Test
    void aServicesOwnSettingWins() {
        StandardEnvironment environment = environment(Map.of(
                "ordersaga.messaging.batch.persistence-context", "per-batch", BATCH_SIZE, "20"));

        assertThat(environment.getProperty(BATCH_SIZE)).isEqualTo("20");
    }

    @Test
    void readModelsFetchAFifthOfASecondAtATime() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty(ReadModelFetch.MIN_BYTES_PROPERTY)).isEqualTo("65536");
        assertThat(environment.getProperty(ReadModelFetch.MAX_WAIT_PROPERTY)).isEqualTo("200");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
