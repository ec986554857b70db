/** What properties cannot express: the demo data runner, the ledger's transactions and who may call the API. */
package io.ordersaga.payment.config;
