/** One transactional method per use case: catalogue changes over REST, reservations driven by saga events. */
package io.ordersaga.inventory.application;
