/** REST API of payment-service (DESIGN section 5): accounts, deposits and the payments of an order. */
package io.ordersaga.payment.adapter.web;
