package io.ordersaga.systemtests.faults;

import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.sagaclient.SagaClient.Line;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A scenario's own products and accounts, so its invariants are checked on exactly what it touched. The traffic
 * mixes the three saga outcomes: most orders complete, every tenth is for a customer who cannot pay (payment
 * declined, stock released) and every tenth ships to Antarctica, which shipping does not serve (refund, release).
 */
final class Fixtures {

    private final List<String> skus = new ArrayList<>();
    private final List<String> payingCustomers = new ArrayList<>();
    private final String brokeCustomer;

    Fixtures(SagaClient client, String scenario, int stockPerSku) {
        String prefix = scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            String sku = (prefix + "-sku-" + i).toUpperCase(java.util.Locale.ROOT);
            client.createProduct(sku, "Fault test product " + i, new BigDecimal("10.00"), stockPerSku);
            skus.add(sku);
        }
        for (int i = 0; i < 5; i++) {
            String customer = prefix + "-customer-" + i;
            client.createAccount(customer, new BigDecimal("1000000.00"));
            payingCustomers.add(customer);
        }
        brokeCustomer = prefix + "-broke";
        client.createAccount(brokeCustomer, new BigDecimal("5.00"));
    }

    String customerFor(int n) {
        return n % 10 == 5 ? brokeCustomer : payingCustomers.get(n % payingCustomers.size());
    }

    List<Line> itemsFor(int n) {
        return List.of(new Line(skus.get(n % skus.size()), 1 + n % 2));
    }

    String countryFor(int n) {
        return n % 10 == 7 ? "AQ" : "DE";
    }

    List<String> skus() {
        return List.copyOf(skus);
    }

    List<String> customers() {
        List<String> all = new ArrayList<>(payingCustomers);
        all.add(brokeCustomer);
        return all;
    }
}
