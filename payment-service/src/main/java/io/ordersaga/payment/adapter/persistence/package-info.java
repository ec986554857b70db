/** JDBC implementations of the domain's stores: the append-only account_event table and cancelled_order. */
package io.ordersaga.payment.adapter.persistence;
