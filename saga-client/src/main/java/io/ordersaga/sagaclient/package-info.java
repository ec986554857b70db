/** A REST client for the four services and the checker of the saga's invariants (DESIGN section 4). */
package io.ordersaga.sagaclient;
