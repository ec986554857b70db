package io.ordersaga.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process, with its output prefixed on the console and copied to a log file.
 *
 * <p>A separate JVM per service, rather than four Spring contexts in the launcher's JVM, keeps each service exactly
 * as it runs in production ({@code java -jar} configured by environment variables) and lets a user kill or restart
 * one of them on its own.
 */
public final class ServiceProcess {

    private static final int TAIL_LINES = 40;
    private static final int MAX_BURST_CHARS = 64 * 1024;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final String prefix;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final int port;
    private final PrintStream console;
    private final Path workingDirectory;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile String healthPath = "/actuator/health/readiness";
    private Process process;
    private Thread pump;

    /**
     * @param name the service name used in messages, e.g. "order-service"
     * @param label the short name that prefixes console lines, e.g. "order"
     * @param command the full command line, starting with the {@code java} executable
     * @param environment variables added to the launcher's own environment
     * @param logFile where all of the process's output is written (truncated on start)
     * @param port the HTTP port its actuator answers on
     * @param console where prefixed lines are echoed
     */
    public ServiceProcess(String name, String label, List<String> command, Map<String, String> environment,
            Path logFile, int port, PrintStream console) {
        this(name, label, command, environment, logFile, port, console, null);
    }

    /** As above, run in {@code workingDirectory} (null: the launcher's own), e.g. its class data sharing files. */
    public ServiceProcess(String name, String label, List<String> command, Map<String, String> environment,
            Path logFile, int port, PrintStream console, Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        this.name = name;
        this.prefix = String.format("[%-9s] ", label);
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.port = port;
        this.console = console;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Starts the process and a thread that copies its output (stdout and stderr merged) line by line. */
    public synchronized void start() throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        process = builder.start();
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        pump = new Thread(() -> copyOutput(process, log), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    public synchronized ProcessHandle handle() {
        return process.toHandle();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code; only meaningful once {@link #isAlive()} is false. */
    public synchronized int exitValue() {
        return process.exitValue();
    }

    /**
     * Asks the actuator whether the service is ready. Falls back from the readiness group to plain
     * {@code /actuator/health} if a service does not expose health groups, and takes any answer from a service
     * without an actuator at all as ready: its web server only listens once the application has started.
     */
    public boolean isReady(HttpClient http) {
        try {
            int status = get(http, healthPath);
            if (status == 404 && healthPath.endsWith("/readiness")) {
                healthPath = "/actuator/health";
                status = get(http, healthPath);
            }
            return status == 200 || status == 404;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(HTTP_TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Sends SIGTERM, which Spring Boot answers with a graceful shutdown. Does not wait.
     *
     * <p>Goes through {@link ProcessHandle} because {@link Process#destroy()} also closes our end of the output
     * pipe, which would lose the service's shutdown log.
     */
    public synchronized void requestStop() {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy();
        }
    }

    /**
     * Waits for the process to end after {@link #requestStop()}, killing it (SIGKILL) once {@code timeout} has
     * passed.
     *
     * @return true if it ended on its own, false if it had to be killed
     */
    public boolean awaitStop(Duration timeout) {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running == null) {
            return true;
        }
        boolean graceful = true;
        try {
            if (!running.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                graceful = false;
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.toHandle().destroyForcibly();
                running.waitFor(5, TimeUnit.SECONDS);
            }
            awaitOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.toHandle().destroyForcibly();
        }
        return graceful;
    }

    /** Waits briefly until the output of an ended process has been copied, so its tail is complete. */
    public void awaitOutput() throws InterruptedException {
        Thread copier = pump;
        if (copier != null) {
            copier.join(2000);
        }
    }

    /** The last lines the process printed, oldest first. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /**
     * Copies line by line, but writes to the console and the log file only when the pipe has nothing more to give
     * right now (or a burst reaches 64 KiB): a busy service's lines go out in one write per burst instead of two
     * per line, and a quiet service's line still appears at once.
     */
    private void copyOutput(Process source, BufferedWriter log) {
        StringBuilder burst = new StringBuilder();
        try (log; BufferedReader reader = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                burst.append(prefix).append(line).append(System.lineSeparator());
                log.write(line);
                log.newLine();
                if (!reader.ready() || burst.length() >= MAX_BURST_CHARS) {
                    console.print(burst);
                    console.flush();
                    burst.setLength(0);
                    log.flush();
                }
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process went away; nothing more to copy
        }
    }
}
