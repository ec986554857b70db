/** The published language of ordersaga: the event envelope, every integration event, topic names and type ids. */
package io.ordersaga.events;
