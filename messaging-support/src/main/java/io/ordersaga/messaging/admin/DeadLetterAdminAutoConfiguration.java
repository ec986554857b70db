package io.ordersaga.messaging.admin;

import io.ordersaga.messaging.MessagingAutoConfiguration;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.MessagingSchema;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin endpoints every service gets with messaging-support: {@code /admin/dead-letters}. Who may call them is
 * the shared resource-server rule ({@code /admin/**} needs the admin role, see the security package).
 */
@AutoConfiguration(after = {MessagingAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@EnableConfigurationProperties(AdminProperties.class)
public class DeadLetterAdminAutoConfiguration {

    /** {@code schema} is asked for so the decisions table exists before the first request. */
    @Bean
    DeadLetterAdmin deadLetterAdmin(MessagingProperties messaging,
                                    @Value("${spring.kafka.consumer.group-id}") String group,
                                    ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                                    ObjectProvider<NewTopic> declaredTopics, KafkaProperties kafka, AdminProperties admin, DeadLetterReplayer replayer,
                                    MessagingSchema schema, JdbcTemplate jdbc, Clock clock) {
        return new DeadLetterAdmin(new DeadLetterTopics(messaging.getConsumedTopics(), group, listeners, declaredTopics), new DeadLetterReader(kafka, admin),
                new DeadLetterDecisions(jdbc, clock), replayer);
    }

    @Bean
    DeadLetterReplayer deadLetterReplayer(KafkaProperties kafka, AdminProperties admin) {
        return new DeadLetterReplayer(kafka, admin);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterAdmin deadLetterAdmin) {
        return new DeadLetterController(deadLetterAdmin);
    }
}
