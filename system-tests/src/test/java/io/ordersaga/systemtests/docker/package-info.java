/** The Docker packaging checked against DESIGN.md and the code: compose files, the Dockerfile, the stack end to end. */
package io.ordersaga.systemtests.docker;
