/** Plumbing shared by every ordersaga service, switched on by auto-configuration. */
package io.ordersaga.messaging;
