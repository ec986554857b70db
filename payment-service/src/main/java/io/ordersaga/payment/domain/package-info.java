/** The account ledger: the Account aggregate, its internal domain events and the stores it is kept in. */
package io.ordersaga.payment.domain;
