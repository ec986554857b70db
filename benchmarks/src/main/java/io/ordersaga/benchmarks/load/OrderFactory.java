package io.ordersaga.benchmarks.load;

import io.ordersaga.sagaclient.SagaClient.Line;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the run's orders: one to three distinct products, one or two of each, for a random funded customer in a
 * served country. With a mix share {@code s}, a share {@code s} of the orders each runs out of stock, is declined,
 * or goes to an unserved country instead, so that the saga fails once at each of its three steps.
 */
public final class OrderFactory {

    private static final List<String> SERVED = List.of("DE", "FR", "NL", "IT", "ES", "US", "JP");
    static final String UNSERVED = "AQ";

    private final Fixture fixture;
    private final double mixShare;
    private final SplittableRandom random;

    /** An order to place and how it should end. */
    public record PlannedOrder(String customerId, List<Line> items, String country, OrderKind kind) {
    }

    public OrderFactory(Fixture fixture, double mixShare, long seed) {
        if (mixShare > 0 && fixture.brokeCustomers().isEmpty()) {
            throw new IllegalArgumentException("A mix needs a fixture with broke customers");
        }
        this.fixture = fixture;
        this.mixShare = mixShare;
        this.random = new SplittableRandom(seed);
    }

    public synchronized PlannedOrder next() {
        OrderKind kind = kind(random.nextDouble());
        List<Line> items = items();
        return switch (kind) {
            case COMPLETES -> new PlannedOrder(anyOf(fixture.customers()), items, anyOf(SERVED), kind);
            case OUT_OF_STOCK -> {
                List<Line> withSoldOut = new ArrayList<>(items);
                withSoldOut.add(new Line(fixture.soldOutSku(), 1));
                yield new PlannedOrder(anyOf(fixture.customers()), withSoldOut, anyOf(SERVED), kind);
            }
            case PAYMENT_DECLINED -> new PlannedOrder(anyOf(fixture.brokeCustomers()), items, anyOf(SERVED), kind);
            case SHIPPING_FAILED -> new PlannedOrder(anyOf(fixture.customers()), items, UNSERVED, kind);
        };
    }

    /** Which kind a uniform draw {@code u} in [0, 1) stands for. */
    OrderKind kind(double u) {
        if (u < mixShare) {
            return OrderKind.OUT_OF_STOCK;
        }
        if (u < 2 * mixShare) {
            return OrderKind.PAYMENT_DECLINED;
        }
        if (u < 3 * mixShare) {
            return OrderKind.SHIPPING_FAILED;
        }
        return OrderKind.COMPLETES;
    }

    private List<Line> items() {
        int lines = Math.min(1 + random.nextInt(3), fixture.skus().size());
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < lines) {
            chosen.add(anyOf(fixture.skus()));
        }
        return chosen.stream().map(sku -> new Line(sku, 1 + random.nextInt(2))).toList();
    }

    private <T> T anyOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
