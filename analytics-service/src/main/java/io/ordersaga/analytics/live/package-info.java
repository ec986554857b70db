/** The live side of the dashboard: the latest records on the topics, and server-sent events to browsers. */
package io.ordersaga.analytics.live;
