/** REST API of order-service (DESIGN section 5): request and response records, never entities. */
package io.ordersaga.order.adapter.web;
