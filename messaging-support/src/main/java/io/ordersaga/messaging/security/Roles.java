package io.ordersaga.messaging.security;

/**
 * The roles of the {@code roles} claim, as Spring Security role names ({@code customer} becomes authority
 * {@code ROLE_CUSTOMER}). A customer touches only their own orders, account and views; staff manage the catalogue
 * and read everything; admin reaches {@code /admin/**} and the analytics that span customers.
 */
public final class Roles {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String STAFF = "STAFF";
    public static final String ADMIN = "ADMIN";
    /** A metrics scraper (Prometheus' client credentials): the rest of actuator, nothing of the API. */
    public static final String MONITORING = "MONITORING";

    private Roles() {
    }
}
