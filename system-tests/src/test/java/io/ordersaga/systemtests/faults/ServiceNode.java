package io.ordersaga.systemtests.faults;

import io.ordersaga.systemtests.SagaClient.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service as {@code java -jar <module>-exec.jar}, configured only by environment variables (DESIGN section 6). */
final class ServiceNode {

    /** local-stack's service JVM flags: start-up on two busy cores is CPU-bound. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final ChildProcess process;
    private Instant startedAt;

    ServiceNode(Service service, Path jar, int port, Map<String, String> environment, List<String> args, Path log) {
        this.service = service;
        this.port = port;
        List<String> command = new ArrayList<>();
        command.add(Jvm.java());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        this.process = new ChildProcess(module(service), command, environment, log);
    }

    static String module(Service service) {
        return service.name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }

    Service service() {
        return service;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    Instant startedAt() {
        return startedAt;
    }

    void start() {
        startedAt = Instant.now();
        process.start();
    }

    /** Starts the service so that it halts the first time it reaches {@code crashPoint} (see CrashPoints). */
    void startArmed(String crashPoint) {
        startedAt = Instant.now();
        process.start(Map.of("ORDERSAGA_CRASH_AT", crashPoint));
    }

    /** Waits until the process has halted at its crash point; returns its exit status. */
    int awaitCrash(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var status = process.exitStatus();
            if (status.isPresent()) {
                return status.getAsInt();
            }
            Jvm.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(module(service) + " did not reach its crash point within " + timeout);
    }

    /** Waits until the readiness probe answers 200: the database and the broker answer and the app has started. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module(service) + " exited; see " + process.log());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Jvm.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(module(service) + " was not ready within " + timeout + "; see " + process.log());
    }
}
