/** Wiring that properties alone cannot express: the served-countries setting as a domain {@code ServiceArea}. */
package io.ordersaga.shipping.config;
