/** REST: products (create, list, read, restock) and reservations (read); request and response records only. */
package io.ordersaga.inventory.adapter.web;
