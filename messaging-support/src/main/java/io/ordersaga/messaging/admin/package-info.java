/**
 * Dead-letter operations every service exposes under {@code /admin/dead-letters}: list, replay, discard. Protected
 * by the shared admin token ({@code ORDERSAGA_ADMIN_TOKEN}); switched off while no token is configured.
 */
package io.ordersaga.messaging.admin;
