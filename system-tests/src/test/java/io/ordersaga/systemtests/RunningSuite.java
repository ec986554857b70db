package io.ordersaga.systemtests;

import io.ordersaga.inventory.InventoryServiceApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.order.OrderServiceApplication;
import io.ordersaga.payment.PaymentServiceApplication;
import io.ordersaga.shipping.ShippingServiceApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All four services in this JVM, each its own Spring application on a random port, on the JVM's one shared
 * Kafka broker and one shared PostgreSQL server (a database per service). Started once, shared by every
 * system test, stopped when the JVM exits.
 */
final class RunningSuite {

    private static SagaClient client;

    private RunningSuite() {
    }

    static synchronized SagaClient client() {
        if (client == null) {
            CompletableFuture<Integer> order = start(OrderServiceApplication.class, "order-service");
            CompletableFuture<Integer> inventory = start(InventoryServiceApplication.class, "inventory-service");
            CompletableFuture<Integer> payment = start(PaymentServiceApplication.class, "payment-service");
            CompletableFuture<Integer> shipping = start(ShippingServiceApplication.class, "shipping-service");
            client = SagaClient.onLocalhost(order.join(), inventory.join(), payment.join(), shipping.join());
        }
        return client;
    }

    private static CompletableFuture<Integer> start(Class<?> application, String name) {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=" + name, "--server.port=0",
                "--ordersaga.demo-data=false"));
        Map<String, Object> infrastructure = EmbeddedInfrastructure.properties(name.replace('-', '_'));
        infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
        return CompletableFuture.supplyAsync(() -> {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .run(args.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, name + "-stop"));
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        });
    }
}
