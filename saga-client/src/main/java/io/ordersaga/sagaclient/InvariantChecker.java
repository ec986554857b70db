package io.ordersaga.sagaclient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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
 * <p>What it sees is the services' books through their APIs, and the schema guards those too: a unique index
 * forbids a second charge, refund or shipment, a {@code CHECK} balances the stock, and an account's balance is
 * defined as deposits − charges + refunds. So for 4, 5 and 6 these checks are a second line that holds even when the
 * inbox does not. The fault suite's first line counts the effects from the events themselves (each order's decisions
 * on the wire, held against each service's books: {@code EffectAudit} in system-tests' fault package), and its
 * mutation runs show that line failing when the inbox or the relay is broken (docs/reliability.md).
 *
 * <p>For 2 and 3 each order's own reservation in inventory is checked too, not only the SKUs' totals: stock shipped
 * for a cancelled order, or released for a completed one, leaves every SKU balanced and would otherwise go unseen.
 *
 * <p>The REST calls go out from {@value #PARALLELISM} threads at once (four calls an order), so a benchmark's tens
 * of thousands of orders are checked in a minute or two rather than in tens of minutes; the violations come back in
 * the order of the orders, SKUs and accounts given.
 */
public final class InvariantChecker {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED");
    private static final int PARALLELISM = 8;

    private final SagaClient client;

    public InvariantChecker(SagaClient client) {
        this.client = client;
    }

    /** Waits until every order is terminal (invariant 1), or the timeout passes; returns the orders' last state. */
    public List<JsonNode> awaitTerminal(Collection<UUID> orderIds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> orders = inParallel(orderIds, client::order);
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
        inParallel(orderIds, this::checkOrder).forEach(violations::addAll);
        inParallel(skus, this::checkProduct).forEach(violations::addAll);
        inParallel(customers, this::checkAccount).forEach(violations::addAll);
        return violations;
    }

    /** {@code check} applied to every item from {@value #PARALLELISM} threads; the results in the items' order. */
    private static <T, R> List<R> inParallel(Collection<T> items, Function<T, R> check) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
            Thread thread = new Thread(runnable, "invariant-checker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = items.stream().map(item -> pool.submit(() -> check.apply(item))).toList();
            List<R> results = new ArrayList<>(futures.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the invariants", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> checkOrder(UUID orderId) {
        List<String> violations = new ArrayList<>();
        JsonNode order = client.order(orderId);
        String status = order.path("status").asString();
        if (!TERMINAL.contains(status)) {
            violations.add("1: order " + orderId + " is " + status + ", not terminal");
            return violations;
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
        return violations;
    }

    private List<String> checkProduct(String sku) {
        List<String> violations = new ArrayList<>();
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
        return violations;
    }

    private List<String> checkAccount(String customerId) {
        List<String> violations = new ArrayList<>();
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
        return violations;
    }

    private static boolean isTerminal(JsonNode order) {
        return TERMINAL.contains(order.path("status").asString());
    }
}
