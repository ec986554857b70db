/** What properties cannot express: the demo catalogue and who may call the API. */
package io.ordersaga.inventory.config;
