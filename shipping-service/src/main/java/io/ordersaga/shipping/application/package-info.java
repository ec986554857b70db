/** Shipping's use cases, one transaction each: record a fact, ship when both are known, cancel, and queries. */
package io.ordersaga.shipping.application;
