package io.ordersaga.messaging.security;

import io.ordersaga.messaging.web.ForbiddenException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, for the ownership checks the URL rules cannot make (whose order is this?). A customer's id is the
 * token's {@code sub}. Staff (and admin) act for any customer. A request without a bearer token reaches a controller
 * only when API security is switched off ({@code ordersaga.security.enabled=false}, or a web slice test without the
 * filter chain): it is unchecked, as is every other endpoint then.
 *
 * <p>Every check throws {@link ForbiddenException} (403 problem+json) before anything is read or written for the
 * caller.
 */
public record Caller(String subject, Set<String> roles) {

    private static final Caller UNCHECKED = new Caller(null, Set.of());

    /** The caller of the current request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return new Caller(jwt.getName(), jwt.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                    .collect(Collectors.toUnmodifiableSet()));
        }
        return UNCHECKED;
    }

    /** Passes for the customer themselves, for staff and admin, and when API security is off. */
    public static void requireOwnerOrStaff(String customerId, String what) {
        Caller caller = current();
        if (!caller.mayActFor(customerId)) {
            throw new ForbiddenException(what + " belongs to another customer");
        }
    }

    /** Passes for staff and admin (and when API security is off): for reads that span customers. */
    public static void requireStaff(String what) {
        Caller caller = current();
        if (!caller.unchecked() && !caller.isStaff()) {
            throw new ForbiddenException(what + " spans customers: staff only");
        }
    }

    /**
     * The customer a query is about: for a customer always themselves ({@code null} or their own id; another id is
     * 403), for staff and admin whatever was asked ({@code null} meaning every customer).
     */
    public static String customerScope(String requested) {
        Caller caller = current();
        if (caller.unchecked() || caller.isStaff()) {
            return requested;
        }
        if (caller.isCustomer() && (requested == null || requested.equals(caller.subject()))) {
            return caller.subject();
        }
        throw new ForbiddenException(requested == null ? "Only customers and staff may list these"
                : "A customer sees only their own data, not customer '" + requested + "'");
    }

    /**
     * Whom a new order is for: a customer orders for themselves (the body may name them, and no one else); staff
     * order on behalf of the customer the body names.
     */
    public static String orderingCustomer(String named) {
        Caller caller = current();
        if (caller.unchecked()) {
            return named;
        }
        if (caller.isCustomer() && (named == null || named.equals(caller.subject()))) {
            return caller.subject();
        }
        if (caller.isStaff() && named != null) {
            return named;
        }
        throw new ForbiddenException(named == null ? "Only a customer places an order without naming the customer"
                : "A customer places orders only for themselves, not for '" + named + "'");
    }

    boolean mayActFor(String customerId) {
        return unchecked() || isStaff() || isCustomer() && subject.equals(customerId);
    }

    boolean unchecked() {
        return subject == null;
    }

    boolean isStaff() {
        return roles.contains(Roles.STAFF) || roles.contains(Roles.ADMIN);
    }

    boolean isCustomer() {
        return roles.contains(Roles.CUSTOMER);
    }
}
