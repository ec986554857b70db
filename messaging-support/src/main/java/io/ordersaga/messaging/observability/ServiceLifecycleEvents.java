package io.ordersaga.messaging.observability;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.ServiceStarted;
import io.ordersaga.events.ServiceStopping;
import io.ordersaga.events.SystemEvent;
import io.ordersaga.events.TimeOrderedIds;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@link ServiceStarted} when the service is ready and {@link ServiceStopping} when its shutdown begins, to
 * {@link Topics#SYSTEM_EVENTS}, keyed by the service name.
 *
 * <p>Sent straight with the Kafka template, not through the outbox: they describe the instance, not a change of the
 * service's data, so there is no transaction to commit them with; the relay runs on one instance only, so another
 * instance's relay would send "I am stopping" late or, during a shutdown of the last instance, never; and a stopping
 * event that waits in the outbox until the next start would say something false. They are best effort: when the
 * broker does not take one within a few seconds it is logged and dropped, and the shutdown goes on.
 */
final class ServiceLifecycleEvents {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycleEvents.class);

    private final KafkaTemplate<String, Object> kafka;
    private final ApplicationContext context;
    private final String service;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final String host = hostName();
    private volatile EventEnvelope<SystemEvent> started;

    ServiceLifecycleEvents(KafkaTemplate<String, Object> kafka, ApplicationContext context, String service,
                           Clock clock) {
        this.kafka = kafka;
        this.context = context;
        this.service = service;
        this.clock = clock;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        started = envelope(new ServiceStarted(service, instanceId, host, port), ServiceStarted.TYPE, instanceId);
        send(started).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Could not publish {} to {}: {}", ServiceStarted.TYPE, Topics.SYSTEM_EVENTS, failure.toString());
            }
        });
    }

    @EventListener
    void onClosing(ContextClosedEvent event) {
        EventEnvelope<SystemEvent> start = started;
        if (event.getApplicationContext() != context || start == null) {
            return;
        }
        long uptime = Duration.between(start.timestamp(), clock.instant()).toSeconds();
        EventEnvelope<SystemEvent> stopping = envelope(new ServiceStopping(service, instanceId, host, uptime),
                ServiceStopping.TYPE, start.eventId().toString());
        try {
            send(stopping).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not publish {} to {}: {}", ServiceStopping.TYPE, Topics.SYSTEM_EVENTS, e.toString());
        }
    }

    private EventEnvelope<SystemEvent> envelope(SystemEvent event, String type, String causationId) {
        return new EventEnvelope<>(TimeOrderedIds.next(), type, 1, clock.instant(), service, event,
                new EventMetadata(instanceId, causationId));
    }

    private CompletableFuture<?> send(EventEnvelope<SystemEvent> envelope) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.SYSTEM_EVENTS, service, envelope);
        EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, envelope.eventType());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, envelope.eventId().toString());
        EventHeaders.put(record.headers(), EventHeaders.EVENT_VERSION, Integer.toString(envelope.eventVersion()));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    String instanceId() {
        return instanceId;
    }
}
