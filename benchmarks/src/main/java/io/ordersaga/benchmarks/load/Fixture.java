package io.ordersaga.benchmarks.load;

import io.ordersaga.sagaclient.SagaClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * The products and accounts one run creates for itself, under names no other run uses, so runs can follow each
 * other on one suite and the invariant checker looks only at this run's data.
 *
 * <p>Stock and balances are far beyond what any run needs, so an order fails only when the mix means it to: a
 * sold-out product (stock 0) for out-of-stock orders, and broke customers (balance 0) for declined payments.
 *
 * @param runId the prefix of every name
 * @param skus the products ordinary orders choose from
 * @param customers the funded accounts ordinary orders choose from
 * @param soldOutSku a product with no stock
 * @param brokeCustomers accounts with a balance of 0
 */
public record Fixture(String runId, List<String> skus, List<String> customers, String soldOutSku,
                      List<String> brokeCustomers) {

    static final int STOCK = 1_000_000_000;
    static final BigDecimal BALANCE = new BigDecimal("1000000000.00");
    private static final int BROKE_CUSTOMERS = 10;
    private static final int SETUP_THREADS = 8;

    /** Every SKU of the run, the sold-out one included: what the invariant checker checks. */
    public List<String> allSkus() {
        List<String> all = new ArrayList<>(skus);
        all.add(soldOutSku);
        return all;
    }

    /** Every account of the run, the broke ones included. */
    public List<String> allCustomers() {
        List<String> all = new ArrayList<>(customers);
        all.addAll(brokeCustomers);
        return all;
    }

    /** A fresh run id: upper-case letters and digits, valid in a SKU. */
    public static String newRunId() {
        return "B" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    }

    /** Creates the products and accounts through the services' REST APIs, a few calls at a time. */
    public static Fixture create(SagaClient client, String runId, int products, int customers, boolean withFailures)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(runId.hashCode());
        List<String> skus = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 1; i <= products; i++) {
            skus.add(String.format(Locale.ROOT, "%s-P%04d", runId, i));
            prices.add(BigDecimal.valueOf(100 + random.nextInt(900), 2));
        }
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
            accounts.add(String.format(Locale.ROOT, "%s-c%05d", runId.toLowerCase(Locale.ROOT), i));
        }
        String soldOut = runId + "-SOLD-OUT";
        List<String> broke = new ArrayList<>();
        if (withFailures) {
            for (int i = 1; i <= BROKE_CUSTOMERS; i++) {
                broke.add(String.format(Locale.ROOT, "%s-broke%02d", runId.toLowerCase(Locale.ROOT), i));
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < skus.size(); i++) {
                String sku = skus.get(i);
                BigDecimal price = prices.get(i);
                calls.add(pool.submit(() -> client.createProduct(sku, "Benchmark product " + sku, price, STOCK)));
            }
            calls.add(pool.submit(() -> client.createProduct(soldOut, "Sold out", new BigDecimal("5.00"), 0)));
            for (String customer : accounts) {
                calls.add(pool.submit(() -> client.createAccount(customer, BALANCE)));
            }
            for (String customer : broke) {
                calls.add(pool.submit(() -> client.createAccount(customer, BigDecimal.ZERO.setScale(2))));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Setting up the run's products and accounts failed: "
                    + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Fixture(runId, List.copyOf(skus), List.copyOf(accounts), soldOut, List.copyOf(broke));
    }
}
