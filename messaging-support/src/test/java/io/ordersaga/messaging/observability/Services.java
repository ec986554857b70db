package io.ordersaga.messaging.observability;

import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a small service of this module's tests as its own application, as system-tests start the real ones. */
final class Services {

    private Services() {
    }

    /** @param consumedTopics comma-separated, or empty for a service that only publishes */
    static ConfigurableApplicationContext start(Class<?> application, String name, String consumedTopics) {
        List<String> args = new ArrayList<>(List.of("--spring.application.name=" + name,
                "--ordersaga.messaging.consumed-topics=" + consumedTopics,
                // Every root is sampled, so a test decides sampling by the parent it gives (the default is 0.1).
                "--management.tracing.sampling.probability=1.0",
                // Finished spans reach the in-memory exporters quickly.
                "--management.opentelemetry.tracing.export.schedule-delay=100ms"));
        EmbeddedInfrastructure.properties(name.replace('-', '_'))
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }
}
