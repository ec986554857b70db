/** The join of an order's facts ({@link io.ordersaga.shipping.domain.ShippingOrder}) and the shipment aggregate. */
package io.ordersaga.shipping.domain;
