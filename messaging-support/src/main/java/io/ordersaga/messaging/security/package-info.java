/**
 * Every service is an OAuth2 resource server: bearer JWTs from the suite's issuer, checked against its JWK set, with
 * the {@code roles} claim as authorities. Shared here; each service adds its own {@link
 * io.ordersaga.messaging.security.ApiAccessRules} and checks ownership with {@link
 * io.ordersaga.messaging.security.Caller}.
 */
package io.ordersaga.messaging.security;
