/** inventory-service: the product catalogue and the stock each order reserves, releases and ships. */
package io.ordersaga.inventory;
