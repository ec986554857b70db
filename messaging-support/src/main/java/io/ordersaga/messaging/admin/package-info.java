/**
 * Dead-letter operations every service exposes under {@code /admin/dead-letters}: list, replay, discard. Only a
 * bearer token with the admin role reaches them (the shared rules of the security package).
 */
package io.ordersaga.messaging.admin;
