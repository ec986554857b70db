package io.ordersaga.systemtests;

import io.ordersaga.inventory.InventoryServiceApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.order.OrderServiceApplication;
import io.ordersaga.payment.PaymentServiceApplication;
import io.ordersaga.sagaclient.SagaClient.Service;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.shipping.ShippingServiceApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * All four services in this JVM, each its own Spring application on a random port, on the JVM's one shared
 * Kafka broker and one shared PostgreSQL server (a database per service), with API security on against the JVM's
 * test issuer (the client sends its tokens). Started once, shared by every system test, stopped when the JVM exits.
 *
 * <p>A test can stop one service and start it again later on the same port, for example to let an order run past
 * its deadline while payment is down. A test that stops a service starts it again before it ends.
 */
final class RunningSuite {

    /**
     * The saga deadline in these tests: long enough that no scenario's order comes near it on a busy machine, short
     * enough for a deadline test to wait for.
     */
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(20);

    private static final Map<Service, Class<?>> APPLICATIONS = Map.of(
            Service.ORDER, OrderServiceApplication.class,
            Service.INVENTORY, InventoryServiceApplication.class,
            Service.PAYMENT, PaymentServiceApplication.class,
            Service.SHIPPING, ShippingServiceApplication.class);
    private static final Map<Service, ConfigurableApplicationContext> running = new EnumMap<>(Service.class);
    private static final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private static SagaClient client;

    private RunningSuite() {
    }

    static synchronized SagaClient client() {
        if (client == null) {
            Map<Service, CompletableFuture<ConfigurableApplicationContext>> starting = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                starting.put(service, CompletableFuture.supplyAsync(() -> run(service, 0)));
            }
            starting.forEach((service, context) -> started(service, context.join()));
            Runtime.getRuntime().addShutdownHook(new Thread(RunningSuite::stopAll, "running-suite-stop"));
            client = SagaClient.onLocalhost(ports.get(Service.ORDER), ports.get(Service.INVENTORY),
                    ports.get(Service.PAYMENT), ports.get(Service.SHIPPING)).withTokens(new TestTokens());
        }
        return client;
    }

    /** Stops the service as a shutdown would: its consumers leave their groups, its relay stops. */
    static synchronized void stop(Service service) {
        ConfigurableApplicationContext context = running.remove(service);
        if (context == null) {
            throw new IllegalStateException(name(service) + " is not running");
        }
        context.close();
    }

    /** Starts a stopped service again, on its port, with {@code extraArgs} (such as {@code --key=value}) on top. */
    static synchronized void start(Service service, String... extraArgs) {
        if (running.containsKey(service)) {
            throw new IllegalStateException(name(service) + " is running");
        }
        started(service, run(service, ports.get(service), extraArgs));
    }

    static synchronized boolean isRunning(Service service) {
        return running.containsKey(service);
    }

    /** The Kafka listener containers of a running service, to pause or start some of them. */
    static synchronized KafkaListenerEndpointRegistry listeners(Service service) {
        ConfigurableApplicationContext context = running.get(service);
        if (context == null) {
            throw new IllegalStateException(name(service) + " is not running");
        }
        return context.getBean(KafkaListenerEndpointRegistry.class);
    }

    private static void started(Service service, ConfigurableApplicationContext context) {
        running.put(service, context);
        ports.put(service, ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext run(Service service, int port, String... extraArgs) {
        String name = name(service);
        List<String> args = new ArrayList<>(List.of("--spring.config.name=" + name, "--server.port=" + port,
                "--ordersaga.demo-data=false",
                "--ordersaga.saga.timeout=" + SAGA_TIMEOUT.toSeconds() + "s"));
        Map<String, Object> infrastructure = EmbeddedInfrastructure.properties(name.replace('-', '_'));
        infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(Arrays.asList(extraArgs));
        return new SpringApplicationBuilder(APPLICATIONS.get(service)).run(args.toArray(String[]::new));
    }

    private static synchronized void stopAll() {
        running.values().forEach(ConfigurableApplicationContext::close);
        running.clear();
    }

    static String name(Service service) {
        return service.name().toLowerCase() + "-service";
    }
}
