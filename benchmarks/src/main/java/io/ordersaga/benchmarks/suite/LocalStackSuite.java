package io.ordersaga.benchmarks.suite;

import io.ordersaga.tokenclient.TokenClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private suite for one run, started from {@code local-stack.jar} exactly as a user would start it, but with
 * {@code --wipe --no-demo-data} in a temporary data directory, so every self-contained run begins from empty
 * topics and databases. Its output goes to a log file there; it is stopped (SIGTERM, the launcher's clean stop)
 * when the run ends.
 */
public final class LocalStackSuite implements Suite {

    /** The launcher prints this once Kafka, PostgreSQL and all four services are ready. */
    static final String READY_LINE = "ordersaga is up";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final List<Integer> PORTS = List.of(8081, 8082, 8083, 8084, 8085, 9000, 9092, 9093, 5432);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final boolean keepData;

    private LocalStackSuite(Process process, Path dataDir, Path log, boolean keepData) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.keepData = keepData;
    }

    /**
     * The services' flags plus their logging to a file each, with only warnings on the console. The launcher copies
     * every line a service prints through one thread per service (its console and its log); at a few hundred orders
     * a second that copy costs the launcher's JVM, which is also the broker's, CPU that no service is charged for.
     * The file keeps every line.
     */
    static String withLogFiles(String serviceJvmOptions, Path logDir) {
        return serviceJvmOptions.trim() + " -Dlogging.file.name=" + logDir.toAbsolutePath()
                + "/${spring.application.name}.log -Dlogging.threshold.console=WARN";
    }

    /**
     * Starts the stack and returns once it is ready.
     *
     * @param serviceJvmOptions the services' JVM flags, or blank for the launcher's defaults (and its console
     *                          logging); given, the services log to {@code logs/<service>.log} in the data directory
     * @throws IllegalStateException when the jar is missing, a port is taken, or the stack does not come up
     */
    public static LocalStackSuite start(Path jar, String serviceJvmOptions, boolean keepData, boolean sagaOnly,
            PrintStream console)
            throws IOException, InterruptedException {
        Path launcher = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("No local-stack launcher at " + launcher + ". Build it and the services"
                    + " first: ./mvnw -B -ntp package -DskipTests (bin/benchmark does).");
        }
        List<Integer> busy = PORTS.stream().filter(port -> !isFree(port)).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports " + busy + " are in use, so a suite seems to be running already."
                    + " Benchmark it with --mode attach, or stop it first.");
        }
        Path repoRoot = launcher.getParent().getParent().getParent();
        Path dataDir = Files.createTempDirectory("ordersaga-benchmark-");
        Path log = dataDir.resolve("local-stack.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String launcherOptions = System.getenv().getOrDefault("LOCAL_STACK_JAVA_OPTS", "-Xmx1g");
        command.addAll(List.of(launcherOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", launcher.toString(), "--wipe", "--no-demo-data",
                "--data-dir", dataDir.resolve("stack").toString(), "--repo-root", repoRoot.toString(),
                "--ready-timeout", Long.toString(START_TIMEOUT.toSeconds())));
        if (sagaOnly) {
            command.add("--saga-only");
        }
        if (!serviceJvmOptions.isBlank()) {
            command.addAll(List.of("--service-jvm-opts", withLogFiles(serviceJvmOptions, dataDir.resolve("logs"))));
        }
        console.printf(Locale.ROOT, "Starting a private local stack (log: %s) ...%n", log);
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LocalStackSuite suite = new LocalStackSuite(process, dataDir, log, keepData);
        try {
            suite.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            suite.close();
            throw e;
        }
        console.printf(Locale.ROOT, "Local stack ready in %.0f s.%n", (System.nanoTime() - begin) / 1e9);
        return suite;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!logContains(READY_LINE)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The local stack exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + log + ":\n" + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The local stack was not ready after " + START_TIMEOUT.toMinutes()
                        + " minutes. Last lines of " + log + ":\n" + tail(30));
            }
            Thread.sleep(500);
        }
    }

    private boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "  (no log)";
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public URI issuer() {
        return TokenClient.DEFAULT_ISSUER; // the private stack's own auth-server
    }

    @Override
    public List<URI> serviceUrls() {
        return List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:8082"),
                URI.create("http://localhost:8083"), URI.create("http://localhost:8084"));
    }

    @Override
    public String kafkaBootstrap() {
        return "localhost:9092";
    }

    /** The launcher trusts its PostgreSQL superuser on localhost (and nobody else). */
    @Override
    public SuiteDatabase database() {
        return new SuiteDatabase("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
    }

    @Override
    public String description() {
        return "self-contained: local-stack.jar --wipe --no-demo-data, data in " + dataDir;
    }

    /** Stops the stack the way Ctrl-C does, then removes its data unless asked to keep it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        if (!keepData) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
