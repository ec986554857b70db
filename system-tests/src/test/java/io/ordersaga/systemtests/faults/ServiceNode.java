package io.ordersaga.systemtests.faults;

import io.ordersaga.sagaclient.SagaClient.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One service as {@code java -jar <module>-exec.jar}, configured only by environment variables (DESIGN section 6). */
final class ServiceNode {

    /**
     * local-stack's service JVM flags, smaller thread stacks and no bytecode verification of the service's own jars
     * (as the test JVMs, root pom's argLine): start-up on two busy cores is CPU-bound, and the C1-only compiler gets
     * a service ready sooner than the full tiered one.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final ChildProcess process;
    private final Path jar;
    private final List<String> args;
    private final Map<String, String> environment;
    private final Path log;
    private final ClassSharing classSharing;
    private volatile Instant startedAt;
    private volatile Instant readyAt;
    private volatile Map<String, String> armed = Map.of();

    ServiceNode(Service service, Path jar, int port, Map<String, String> environment, List<String> args, Path log,
                ClassSharing classSharing) {
        this(module(service), service, jar, port, environment, args, log, classSharing);
    }

    /** @param name the process's name in logs and messages, e.g. {@code shipping-service-2} for a second instance */
    ServiceNode(String name, Service service, Path jar, int port, Map<String, String> environment, List<String> args,
                Path log, ClassSharing classSharing) {
        this.service = service;
        this.port = port;
        this.jar = jar;
        this.args = List.copyOf(args);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.process = new ChildProcess(name,
                () -> classSharing.command(module(service), jar, JVM_OPTIONS, this.args), environment, log);
        this.classSharing = classSharing;
    }

    /** Runs this service once to write its class data archive (see {@link ClassSharing}), if it has none yet. */
    void trainClassSharing() {
        classSharing.train(module(service), jar, JVM_OPTIONS, args, environment, log);
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

    void start() {
        start(Map.of());
    }

    /**
     * Starts the service with test-only hooks in its environment, e.g. {@code ORDERSAGA_CRASH_AT} to halt the first
     * time it reaches a crash point, or {@code ORDERSAGA_STALL_AT} (see CrashPoints).
     */
    void start(Map<String, String> hooks) {
        readyAt = null;
        startedAt = Instant.now();
        armed = Map.copyOf(hooks);
        process.start(hooks);
    }

    /** The hooks this instance was started with (empty when none). */
    Map<String, String> armed() {
        return armed;
    }

    /** When the process was last started, and when its readiness probe first answered 200 after that (or null). */
    Instant startedAt() {
        return startedAt;
    }

    Instant readyAt() {
        return readyAt;
    }

    /** Waits until the readiness probe answers 200: the database and the broker answer and the app has started. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + process.log());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    if (readyAt == null) {
                        readyAt = Instant.now();
                    }
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Jvm.sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(process.name() + " was not ready within " + timeout + "; see " + process.log());
    }
}
