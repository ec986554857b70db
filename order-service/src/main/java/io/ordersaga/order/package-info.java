/** order-service: accepts orders and tracks each one through the saga to COMPLETED or CANCELLED. */
package io.ordersaga.order;
