/** HTTP: the analytics REST API, the dashboard's event stream, and their error answers. */
package io.ordersaga.analytics.adapter.web;
