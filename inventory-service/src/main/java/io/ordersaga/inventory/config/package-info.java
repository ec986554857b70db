/** What properties cannot express: the demo catalogue. */
package io.ordersaga.inventory.config;
