/** Work the clock starts: the saga deadline sweeper. */
package io.ordersaga.order.adapter.scheduling;
