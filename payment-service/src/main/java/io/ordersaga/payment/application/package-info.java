/** Use cases of payment-service, one transactional method each; the Account aggregate makes the decisions. */
package io.ordersaga.payment.application;
