/** payment-service: customer accounts kept as event-sourced ledgers; charges and refunds orders. */
package io.ordersaga.payment;
