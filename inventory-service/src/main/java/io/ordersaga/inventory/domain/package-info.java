/** Products with their stock balance, and each order's reservation with its guarded state machine. */
package io.ordersaga.inventory.domain;
