/** What properties cannot express: the demo data runner. */
package io.ordersaga.payment.config;
