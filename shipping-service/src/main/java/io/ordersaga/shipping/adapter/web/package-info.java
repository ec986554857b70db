/** The read-only REST API of shipments (DESIGN section 5). */
package io.ordersaga.shipping.adapter.web;
