/** Use cases of order-service, one transactional method each; the decisions live in the domain. */
package io.ordersaga.order.application;
