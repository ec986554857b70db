package io.ordersaga.events;

/**
 * An event about a running service instance rather than about an order: the lesson's system-event type. Published by
 * every service on {@link Topics#SYSTEM_EVENTS}, keyed by the service name, in the same envelope as saga events
 * ({@code eventType} {@link ServiceStarted#TYPE} or {@link ServiceStopping#TYPE}, version 1). Its metadata's
 * correlation id is the instance id, so one instance's lifecycle reads as one story.
 */
public sealed interface SystemEvent permits ServiceStarted, ServiceStopping {

    /** The service, for example {@code order-service}: its {@code spring.application.name}. */
    String service();

    /** Unique per start of a service instance. */
    String instanceId();
}
