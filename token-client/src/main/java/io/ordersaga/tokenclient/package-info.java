/** Logging a demo user in at the suite's issuer from a command line: bin/token and the benchmark. */
package io.ordersaga.tokenclient;
