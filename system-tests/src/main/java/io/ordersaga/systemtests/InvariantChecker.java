package io.ordersaga.systemtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Checks the six invariants of DESIGN section 4 through the services' REST APIs, once the system has settled.
 * Every scenario, fault test and benchmark ends with it.
 *
 * <ol>
 *   <li>Every accepted order reaches COMPLETED or CANCELLED.</li>
 *   <li>COMPLETED means exactly one charge, no refund, the stock shipped and one scheduled shipment.</li>
 *   <li>CANCELLED means a net charge of 0, no stock held, and no active shipment.</li>
 *   <li>For each SKU: initial + restocked = available + reserved + shipped, and available ≥ 0.</li>
 *   <li>For each account: balance = deposits − charges + refunds, and balance ≥ 0.</li>
 *   <li>Duplicates may exist on a topic; their effects never happen twice (exact counts in 2 and 3, and the
 *       account and stock sums in 4 and 5, catch a doubled effect).</li>
 * </ol>
 *
 * <p>For 2 and 3 each order's own reservation in inventory is checked too, not only the SKUs' totals: stock shipped
 * for a cancelled order, or released for a completed one, leaves every SKU balanced and would otherwise go unseen.
 */
public final class InvariantChecker {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED");

    private final SagaClient client;

    public InvariantChecker(SagaClient client) {
        this.client = client;
    }

    /** Waits until every order is terminal (invariant 1), or the timeout passes; returns the orders' last state. */
    public List<JsonNode> awaitTerminal(Collection<UUID> orderIds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> orders = orderIds.stream().map(client::order).toList();
            if (orders.stream().allMatch(InvariantChecker::isTerminal) || Instant.now().isAfter(deadline)) {
                return orders;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Checks all invariants for the given orders, products and accounts, waiting up to {@code settle} for the
     * orders to end and the compensations to land. Returns the violations found (empty when all hold).
     */
    public List<String> check(Collection<UUID> orderIds, Collection<String> skus, Collection<String> customers,
                              Duration settle) throws InterruptedException {
        Instant deadline = Instant.now().plus(settle);
        List<String> violations;
        do {
            violations = checkOnce(orderIds, skus, customers);
            if (violations.isEmpty()) {
                return violations;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return violations;
    }

    /** Like {@link #check}, but throws an {@link AssertionError} that lists every violation. */
    public void assertHold(Collection<UUID> orderIds, Collection<String> skus, Collection<String> customers,
                           Duration settle) throws InterruptedException {
        List<String> violations = check(orderIds, skus, customers, settle);
        if (!violations.isEmpty()) {
            throw new AssertionError("Saga invariants violated:\n  " + String.join("\n  ", violations));
        }
    }

    List<String> checkOnce(Collection<UUID> orderIds, Collection<String> skus, Collection<String> customers) {
        List<String> violations = new ArrayList<>();
        for (UUID orderId : orderIds) {
            checkOrder(orderId, violations);
        }
        for (String sku : skus) {
            checkProduct(sku, violations);
        }
        for (String customer : customers) {
            checkAccount(customer, violations);
        }
        return violations;
    }

    private void checkOrder(UUID orderId, List<String> violations) {
        JsonNode order = client.order(orderId);
        String status = order.path("status").asString();
        if (!TERMINAL.contains(status)) {
            violations.add("1: order " + orderId + " is " + status + ", not terminal");
            return;
        }
        List<JsonNode> payments = client.payments(orderId);
        long charges = payments.stream().filter(p -> "CHARGE".equals(p.path("type").asString())).count();
        long refunds = payments.stream().filter(p -> "REFUND".equals(p.path("type").asString())).count();
        BigDecimal net = payments.stream()
                .map(p -> "CHARGE".equals(p.path("type").asString()) ? p.path("amount").decimalValue()
                        : p.path("amount").decimalValue().negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<JsonNode> shipments = client.shipments(orderId);
        long scheduled = shipments.stream().filter(s -> "SCHEDULED".equals(s.path("status").asString())).count();
        String reservation = client.reservation(orderId).map(r -> r.path("status").asString()).orElse("absent");
        if (status.equals("COMPLETED")) {
            if (charges != 1 || refunds != 0) {
                violations.add("2: COMPLETED order " + orderId + " has " + charges + " charges and " + refunds + " refunds");
            }
            if (charges == 1 && net.compareTo(order.path("totalAmount").decimalValue()) != 0) {
                violations.add("2: COMPLETED order " + orderId + " charged " + net + " for a total of " + order.path("totalAmount"));
            }
            if (scheduled != 1 || shipments.size() != 1) {
                violations.add("2: COMPLETED order " + orderId + " has " + shipments.size() + " shipments, " + scheduled + " scheduled");
            }
            if (!reservation.equals("SHIPPED")) {
                violations.add("2: COMPLETED order " + orderId + " has its reservation " + reservation + ", not SHIPPED");
            }
        } else {
            if (net.signum() != 0) {
                violations.add("3: CANCELLED order " + orderId + " has a net charge of " + net);
            }
            if (scheduled != 0) {
                violations.add("3: CANCELLED order " + orderId + " has " + scheduled + " active shipments");
            }
            if (reservation.equals("RESERVED") || reservation.equals("SHIPPED")) {
                violations.add("3: CANCELLED order " + orderId + " still holds stock: its reservation is " + reservation);
            }
        }
    }

    private void checkProduct(String sku, List<String> violations) {
        JsonNode product = client.product(sku);
        long initial = product.path("initialStock").asLong();
        long restocked = product.path("restocked").asLong();
        long available = product.path("available").asLong();
        long reserved = product.path("reserved").asLong();
        long shipped = product.path("shipped").asLong();
        if (initial + restocked != available + reserved + shipped) {
            violations.add("4: " + sku + ": initial " + initial + " + restocked " + restocked + " != available "
                    + available + " + reserved " + reserved + " + shipped " + shipped);
        }
        if (available < 0) {
            violations.add("4: " + sku + " has available " + available);
        }
        if (reserved != 0) {
            // Once every order is terminal, each reservation was either shipped or released (invariants 2 and 3).
            violations.add("2/3: " + sku + " still holds " + reserved + " reserved units after every order ended");
        }
    }

    private void checkAccount(String customerId, List<String> violations) {
        JsonNode account = client.account(customerId);
        BigDecimal balance = account.path("balance").decimalValue();
        BigDecimal expected = account.path("totalDeposited").decimalValue()
                .subtract(account.path("totalCharged").decimalValue())
                .add(account.path("totalRefunded").decimalValue());
        if (balance.compareTo(expected) != 0) {
            violations.add("5: account " + customerId + " balance " + balance + " != deposits − charges + refunds = " + expected);
        }
        if (balance.signum() < 0) {
            violations.add("5: account " + customerId + " is overdrawn: " + balance);
        }
    }

    private static boolean isTerminal(JsonNode order) {
        return TERMINAL.contains(order.path("status").asString());
    }
}
