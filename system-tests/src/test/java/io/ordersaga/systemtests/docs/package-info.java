/** The README and docs/ checked as files: links and anchors resolve, and the README stays a short front door. */
package io.ordersaga.systemtests.docs;
