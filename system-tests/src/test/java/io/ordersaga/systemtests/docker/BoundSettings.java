package io.ordersaga.systemtests.docker;

import io.ordersaga.messaging.MessagingProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What Spring Boot binds from a container's environment variables, by the same relaxed rules a service applies at
 * start-up: proves that a variable in a compose file reaches the setting it is meant for.
 */
final class BoundSettings {

    private BoundSettings() {
    }

    static MessagingProperties.Topics topics(Map<String, String> environment) {
        return binder(environment).bindOrCreate("ordersaga.messaging", MessagingProperties.class).getTopics();
    }

    static Optional<Integer> listenerConcurrency(Map<String, String> environment) {
        return Optional.ofNullable(
                binder(environment).bind("spring.kafka.listener.concurrency", Integer.class).orElse(null));
    }

    private static Binder binder(Map<String, String> environment) {
        Map<String, Object> variables = new LinkedHashMap<>(environment);
        // Boot applies its environment-variable naming rules only to a source with this name.
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
    }
}
