/** What the analytics know about orders and outcomes: plain values and rules, no Kafka, no Spring. */
package io.ordersaga.analytics.domain;
