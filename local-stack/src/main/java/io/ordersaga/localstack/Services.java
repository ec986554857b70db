package io.ordersaga.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services as child processes: started together, waited for until each reports ready, watched while they run,
 * restarted on request, and stopped together.
 */
final class Services {

    private static final Logger log = LoggerFactory.getLogger(Services.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** A first run writes its CDS archive at exit: five at once took over 15 s on a loaded 2-core machine. */
    private static final Duration ARCHIVING_STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final Options options;
    private final DataDirectory dataDirectory;
    private final String kafkaBootstrapServers;
    private final LocalPostgres postgres;
    private final PrintStream console;
    private final BooleanSupplier stopping;
    private final List<ServiceProcess> running = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> reportedDead = new CopyOnWriteArrayList<>();
    private final CdsArchives cds;

    Services(Options options, DataDirectory dataDirectory, String kafkaBootstrapServers, LocalPostgres postgres,
            PrintStream console, BooleanSupplier stopping) {
        this.options = options;
        this.dataDirectory = dataDirectory;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.postgres = postgres;
        this.console = console;
        this.stopping = stopping;
        this.cds = new CdsArchives(dataDirectory.root().resolve("cds"));
    }

    /** The executable jars that are not built yet. */
    static List<Path> missingJars(Path repoRoot) {
        return ServiceSpec.ALL.stream()
                .map(spec -> spec.jar(repoRoot).toAbsolutePath().normalize())
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
    }

    /**
     * DESIGN section 6: each service is configured only by environment variables. The issuer gets its own and
     * keeps its signing key in the data directory; every other service is told where the issuer is.
     */
    Map<String, String> environment(ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(spec.port()));
        if (spec.isIssuer()) {
            env.put("ORDERSAGA_ISSUER_URI", ServiceSpec.issuerUri());
            env.put("ORDERSAGA_AUTH_KEYS_DIR", dataDirectory.auth().toString());
            return env;
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        if (spec.hasDatabase()) {
            env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(spec.database()));
            env.put("SPRING_DATASOURCE_USERNAME", spec.database());
            env.put("SPRING_DATASOURCE_PASSWORD", spec.database());
        }
        env.put("ORDERSAGA_DEMO_DATA", String.valueOf(options.demoData()));
        if (options.sagaOnly()) {
            env.put("ORDERSAGA_READ_MODELS_ENABLED", "false");
        }
        env.put("ORDERSAGA_SECURITY_ISSUER_URI", ServiceSpec.issuerUri());
        return env;
    }

    /**
     * Starts them all at once (start-up is CPU-bound and they do not depend on each other) and returns when every
     * one is ready.
     *
     * @throws StartupException if one exits first or is not ready within {@link Options#readyTimeoutSeconds()}
     */
    void startAll() {
        Instant begin = Instant.now();
        synchronized (this) { // so that a concurrent stopAll() sees either none or all of them
            if (stopping.getAsBoolean()) {
                throw new StartupException("Stopped while starting.");
            }
            log.info("Starting {} (logs in {}) ...",
                    options.services().stream().map(ServiceSpec::module).collect(Collectors.joining(", ")),
                    dataDirectory.logs());
            for (ServiceSpec spec : options.services()) {
                running.add(launch(spec));
            }
            dataDirectory.recordServices(running);
        }
        awaitReady(new ArrayList<>(running), begin);
    }

    /**
     * Reports, once each, the services that died since the last call, e.g. after a {@code kill -9}. The others keep
     * running: the saga is built to survive a service going away.
     */
    void reportDeaths() {
        for (ServiceProcess service : running) {
            if (!service.isAlive() && !reportedDead.contains(service) && !stopping.getAsBoolean()) {
                reportedDead.add(service);
                log.warn(exitedMessage(service, "", 5) + System.lineSeparator() + "The others keep running. Type"
                        + " 'restart " + specOf(service).label() + "' and Enter to start it again.");
            }
        }
    }

    /** Stops one service (if it still runs) and starts it again; returns without waiting for it to be ready. */
    synchronized void restart(String name) {
        Optional<ServiceSpec> found = options.services().stream()
                .filter(s -> s.label().equals(name) || s.module().equals(name)).findFirst();
        if (found.isEmpty()) {
            log.info("Unknown service '{}'. Choose one of: {}.", name,
                    options.services().stream().map(ServiceSpec::label).collect(Collectors.joining(", ")));
            return;
        }
        ServiceSpec spec = found.get();
        ServiceProcess old = running.stream().filter(s -> s.name().equals(spec.module())).findFirst().orElseThrow();
        old.requestStop();
        old.awaitStop(stopTimeout(List.of(old)));
        if (stopping.getAsBoolean()) {
            return;
        }
        if (!PortCheck.isFree(spec.port())) {
            log.warn("Cannot restart {}: port {} is in use (was it started elsewhere?).", spec.module(), spec.port());
            return;
        }
        log.info("Restarting {} ...", spec.module());
        try {
            ServiceProcess fresh = launch(spec);
            running.set(running.indexOf(old), fresh);
            dataDirectory.recordServices(running);
            Thread waiter = new Thread(() -> awaitRestarted(fresh), spec.module() + "-restart");
            waiter.setDaemon(true);
            waiter.start();
        } catch (StartupException e) {
            log.warn(e.getMessage());
        }
    }

    /** SIGTERM to all at once, then up to 15 s for all of them together, then SIGKILL for any left. */
    synchronized void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        log.info("Stopping the services ...");
        running.forEach(ServiceProcess::requestStop);
        Duration timeout = stopTimeout(running);
        if (timeout.equals(ARCHIVING_STOP_TIMEOUT)) {
            log.info("First run: the services write their class data sharing archives as they exit (a few seconds).");
        }
        Instant deadline = Instant.now().plus(timeout);
        for (ServiceProcess service : running) {
            if (!service.awaitStop(Duration.between(Instant.now(), deadline))) {
                log.warn("{} did not stop within {} s and was killed.", service.name(), timeout.toSeconds());
            }
        }
        running.clear();
        dataDirectory.clearServices();
    }

    private static Duration stopTimeout(List<ServiceProcess> services) {
        return services.stream().anyMatch(s -> CdsArchives.writesArchiveAtExit(s.command())) ? ARCHIVING_STOP_TIMEOUT
                : STOP_TIMEOUT;
    }

    private ServiceProcess launch(ServiceSpec spec) {
        Path jar = spec.jar(options.repoRoot()).toAbsolutePath().normalize();
        // --service-jvm-opts "-Xshare:off ..." turns class data sharing off: then no CDS flag is added at all.
        CdsArchives.Launch how = cds.prepare(spec.module(), jar);
        List<String> command = new ArrayList<>();
        command.add(CdsArchives.javaExecutable());
        command.addAll(CdsArchives.flags(how, options.serviceJvmOptions()));
        command.addAll(options.serviceJvmOptions());
        command.add("-jar");
        command.add(how.jar());
        ServiceProcess process = new ServiceProcess(spec.module(), spec.label(), command, environment(spec),
                dataDirectory.logs().resolve(spec.module() + ".log"), spec.port(), console, how.workingDirectory());
        try {
            process.start();
        } catch (IOException e) {
            throw new StartupException("Could not start " + spec.module() + ": " + e.getMessage(), e);
        }
        return process;
    }

    /**
     * Polls each service's readiness endpoint until it answers 200. A service that exits first, or the timeout,
     * fails the whole start with that service's last log lines.
     */
    private void awaitReady(List<ServiceProcess> pending, Instant begin) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = begin.plusSeconds(options.readyTimeoutSeconds());
        while (!pending.isEmpty()) {
            if (stopping.getAsBoolean()) {
                throw new StartupException("Stopped while starting.");
            }
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    throw new StartupException(exitedMessage(service, "before it was ready", 40));
                }
                if (service.isReady(http)) {
                    log.info("{} ready in {}", service.name(), LocalStack.seconds(Duration.between(begin,
                            Instant.now())));
                    pending.remove(service);
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                ServiceProcess late = pending.get(0);
                throw new StartupException(late.name() + " was not ready after " + options.readyTimeoutSeconds()
                        + " s (--ready-timeout). Last lines of " + late.logFile() + ":" + System.lineSeparator()
                        + indent(late.tail()));
            }
            LocalStack.sleep(POLL_INTERVAL);
        }
    }

    private void awaitRestarted(ServiceProcess service) {
        try {
            awaitReady(new ArrayList<>(List.of(service)), Instant.now());
        } catch (StartupException e) {
            if (!stopping.getAsBoolean()) {
                log.warn(e.getMessage());
            }
        }
    }

    private static String exitedMessage(ServiceProcess service, String when, int lines) {
        try {
            service.awaitOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = service.exitValue();
        String signal = code > 128 ? " (killed by signal " + (code - 128) + ")" : "";
        List<String> tail = service.tail();
        return service.name() + " exited with code " + code + signal + (when.isEmpty() ? "" : " " + when)
                + ". Last lines of " + service.logFile() + ":" + System.lineSeparator()
                + indent(tail.subList(Math.max(0, tail.size() - lines), tail.size()));
    }

    private static ServiceSpec specOf(ServiceProcess service) {
        return ServiceSpec.ALL.stream().filter(s -> s.module().equals(service.name())).findFirst().orElseThrow();
    }

    private static String indent(List<String> lines) {
        return lines.isEmpty() ? "    (no output)"
                : lines.stream().map(l -> "    " + l).collect(Collectors.joining(System.lineSeparator()));
    }
}
