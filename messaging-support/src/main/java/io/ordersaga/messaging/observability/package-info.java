/** Metrics, tracing through the outbox, broker health and the services' system events, switched on for every service. */
package io.ordersaga.messaging.observability;
