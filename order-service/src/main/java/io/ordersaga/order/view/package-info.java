/** CQRS read models (Order Summary, Customer Orders, Daily Revenue), projected from the saga topics, rebuildable. */
package io.ordersaga.order.view;
