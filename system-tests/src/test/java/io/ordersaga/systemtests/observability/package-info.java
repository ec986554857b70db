/** The observability profile's configuration (Prometheus, Grafana) checked against the services and their metrics. */
package io.ordersaga.systemtests.observability;
