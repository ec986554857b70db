/** The running service on a real broker: topics in, topics and REST out. */
package io.ordersaga.analytics.it;
