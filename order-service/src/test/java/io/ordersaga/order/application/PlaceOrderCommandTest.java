package io.ordersaga.order.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.OrderLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceOrderCommandTest {

    private static final Address BERLIN = new Address("Alice", "1 Main St", "Berlin", "10115", "DE");

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertThat(command("alice", List.of(OrderLine.of("MUG", 1)), BERLIN).fingerprint())
                .isEqualTo(command("alice", List.of(OrderLine.of("MUG", 1)), BERLIN).fingerprint())
                .hasSize(64);
    }

    @Test
    void anyDifferenceMakesADifferentFingerprint() {
        String original = command("alice", List.of(OrderLine.of("MUG", 1), OrderLine.of("BOOK", 2)), BERLIN).fingerprint();

        assertThat(List.of(
                command("bob", List.of(OrderLine.of("MUG", 1), OrderLine.of("BOOK", 2)), BERLIN),
                command("alice", List.of(OrderLine.of("MUG", 2), OrderLine.of("BOOK", 2)), BERLIN),
                command("alice", List.of(OrderLine.of("BOOK", 2), OrderLine.of("MUG", 1)), BERLIN),
                command("alice", List.of(OrderLine.of("MUG", 1)), BERLIN),
                command("alice", List.of(OrderLine.of("MUG", 1), OrderLine.of("BOOK", 2)),
                        new Address("Alice", "1 Main St", "Berlin", "10115", "AT"))))
                .extracting(PlaceOrderCommand::fingerprint)
                .doesNotContain(original)
                .doesNotHaveDuplicates();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        Address a = new Address("Al", "ice St", "Berlin", "10115", "DE");
        Address b = new Address("Alice", " St", "Berlin", "10115", "DE");

        assertThat(command("alice", List.of(OrderLine.of("MUG", 1)), a).fingerprint())
                .isNotEqualTo(command("alice", List.of(OrderLine.of("MUG", 1)), b).fingerprint());
    }

    private static PlaceOrderCommand command(String customer, List<OrderLine> lines, Address address) {
        return new PlaceOrderCommand(customer, lines, address);
    }
}
