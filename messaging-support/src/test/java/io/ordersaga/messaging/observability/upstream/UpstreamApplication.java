package io.ordersaga.messaging.observability.upstream;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A service that starts sagas: the test publishes through its outbox inside a span, as a request handler would. */
@SpringBootApplication
public class UpstreamApplication {

    @Bean
    InMemorySpanExporter spanExporter() {
        return InMemorySpanExporter.create();
    }
}
