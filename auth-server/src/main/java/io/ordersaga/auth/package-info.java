/** The authorization server: demo users, registered clients, access-token claims and the persisted signing key. */
package io.ordersaga.auth;
