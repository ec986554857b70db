/** The saga's own metrics: orders placed, completed and cancelled by reason, and how long each saga took. */
package io.ordersaga.order.metrics;
