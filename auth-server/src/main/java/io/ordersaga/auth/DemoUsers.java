package io.ordersaga.auth;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo accounts (demo only: the passwords are in the docs). A customer's user name is the customerId the REST
 * API and the events use, so alice, bob and carol are payment-service's demo accounts.
 */
final class DemoUsers {

    /** A demo user and its roles, as they appear in the {@code roles} claim. */
    record DemoUser(String name, List<String> roles) {

        /** Every demo password follows one pattern, so nobody has to look it up. */
        String password() {
            return name + "-password";
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", List.of("customer")),
            new DemoUser("bob", List.of("customer")),
            new DemoUser("carol", List.of("customer")),
            new DemoUser("staff", List.of("staff")),
            new DemoUser("admin", List.of("admin", "staff")));

    private DemoUsers() {
    }

    /** The users with hashed passwords; each role becomes the authority {@code ROLE_<ROLE>}. */
    static List<UserDetails> withPasswordsEncodedBy(PasswordEncoder encoder) {
        return ALL.stream()
                .map(user -> User.withUsername(user.name())
                        .password(encoder.encode(user.password()))
                        .roles(user.roles().stream().map(role -> role.toUpperCase(Locale.ROOT))
                                .toArray(String[]::new))
                        .build())
                .toList();
    }
}
