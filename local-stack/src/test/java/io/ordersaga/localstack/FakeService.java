package io.ordersaga.localstack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot service in the launcher's tests: prints the environment the launcher gave it, answers
 * {@code /actuator/health/readiness} with 200 on {@code SERVER_PORT}, and says goodbye on SIGTERM.
 *
 * <p>It exits at once with code 3 instead, playing a service that crashes on start, if {@code FAKE_FAIL=true} or
 * a file named {@code fail} sits next to its jar.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        System.out.println("fake starting on port " + port);
        for (String name : List.of("SERVER_PORT", "KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL",
                "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "ORDERSAGA_DEMO_DATA",
                "ORDERSAGA_SECURITY_ISSUER_URI", "ORDERSAGA_ISSUER_URI", "ORDERSAGA_AUTH_KEYS_DIR")) {
            System.out.println("env " + name + "=" + System.getenv(name));
        }
        Path home = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if ("true".equals(System.getenv("FAKE_FAIL")) || Files.exists(home.resolveSibling("fail"))) {
            System.err.println("boom: cannot start");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake stopping");
            server.stop(0);
        }));
        server.start();
        System.out.println("fake ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
