/** What properties cannot express: the saga deadline's settings and the timeline consumer group's topics. */
package io.ordersaga.order.config;
