package io.ordersaga.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher: {@code java -jar local-stack.jar} starts a real Kafka broker and a real PostgreSQL in this JVM and
 * then the services and the token issuer (auth-server) as child processes, so the whole suite runs on a machine
 * with nothing but a JDK.
 *
 * <p>Start-up order: take the data directory, clean up after a launcher that was killed, check every port, then
 * Kafka and PostgreSQL in parallel, the databases, and the services in parallel. Stopping goes the other way:
 * services first (they still need the broker and the database to shut down cleanly), then Kafka, then PostgreSQL.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Options options;
    private final PrintStream console;
    private final DataDirectory dataDirectory;
    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final Services services;
    private final AtomicBoolean launched = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    public LocalStack(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
        this.dataDirectory = new DataDirectory(options.dataDir());
        this.kafka = new LocalKafka(dataDirectory.kafka(), options.kafkaPort(), options.controllerPort());
        this.postgres = new LocalPostgres(dataDirectory.postgres(), options.postgresPort(),
                dataDirectory.logs().resolve("postgres.log"), options.statementStats());
        this.services = new Services(options, dataDirectory, kafka.bootstrapServers(), postgres, console,
                stopping::get);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns the process exit code: 0 fine, 1 failed, 2 bad usage. */
    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println("Run with --help to see the options.");
            return 2;
        }
        try {
            switch (options.command()) {
                case HELP -> System.out.print(Options.usage());
                case CONSOLE_CONSUMER -> KafkaTools.consoleConsumer(options.toolArgs());
                case TOPICS -> KafkaTools.topics(options.toolArgs());
                case RUN -> {
                    return runUntilStopped(options);
                }
            }
            return 0;
        } catch (StartupException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("local-stack failed unexpectedly: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** Starts the stack, then blocks until Ctrl-C (or SIGTERM), which the shutdown hook turns into a clean stop. */
    private static int runUntilStopped(Options options) {
        LocalStack stack = new LocalStack(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.start();
            stack.printSummary();
            stack.superviseUntilStopped();
            return 0;
        } catch (StartupException e) {
            if (!stack.stopping.get()) {
                log.error(e.getMessage());
                if (stack.launched.get()) {
                    log.info("Stopping everything.");
                }
            }
            stack.close();
            return 1;
        }
    }

    /**
     * Starts Kafka, PostgreSQL and, unless {@link Options#infraOnly()}, the services; returns when all are ready.
     *
     * @throws StartupException for every expected problem, with a message for the user
     */
    public void start() {
        List<Path> missingJars = options.infraOnly() ? List.of() : Services.missingJars(options.repoRoot());
        if (!missingJars.isEmpty()) {
            throw new StartupException("The service jars are not built yet; missing:"
                    + missingJars.stream().map(jar -> System.lineSeparator() + "  " + jar).collect(Collectors.joining())
                    + System.lineSeparator() + "Build them first with './mvnw -B package -DskipTests'"
                    + " (bin/local-stack does that for you), or start only Kafka and PostgreSQL with --infra-only.");
        }
        dataDirectory.lock();
        for (String orphan : dataDirectory.stopOrphanedServices()) {
            log.info("Stopped {}, left running by a local-stack that was killed.", orphan);
        }
        postgres.stopOrphan().ifPresent(pid ->
                log.info("Stopped PostgreSQL (pid {}), left running by a local-stack that was killed.", pid));
        requiredPorts().verify();
        if (options.wipe()) {
            dataDirectory.wipe();
            log.info("Wiped {}", dataDirectory.root());
        }
        startInfrastructure();
        if (!options.infraOnly()) {
            services.startAll();
        }
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    /** The ports this run needs, with what needs each. */
    PortCheck requiredPorts() {
        PortCheck check = new PortCheck()
                .require(options.kafkaPort(), "Kafka")
                .require(options.controllerPort(), "Kafka controller")
                .require(options.postgresPort(), "PostgreSQL");
        if (!options.infraOnly()) {
            options.services().forEach(spec -> check.require(spec.port(), spec.module()));
        }
        return check;
    }

    /** Kafka and PostgreSQL start in parallel: they are independent, and each spends part of its start waiting. */
    private void startInfrastructure() {
        launched.set(true);
        log.info("Starting Kafka and PostgreSQL (data in {}) ...", dataDirectory.root());
        CompletableFuture<Void> kafkaStarted = CompletableFuture.runAsync(() -> timed(kafka::start,
                took -> log.info("Kafka ready in {} ({}, cluster id {})", seconds(took), kafka.bootstrapServers(),
                        kafka.clusterId())));
        CompletableFuture<Void> postgresStarted = CompletableFuture.runAsync(() -> timed(postgres::start,
                took -> log.info("PostgreSQL ready in {} (localhost:{})", seconds(took), postgres.port())));
        try {
            CompletableFuture.allOf(kafkaStarted, postgresStarted).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StartupException startup ? startup
                    : new StartupException("Start-up failed: " + e.getCause(), e.getCause());
        }
        postgres.provision(ServiceSpec.databases());
        log.info("Databases ready: {} (each owned by a role of the same name and password)",
                String.join(", ", ServiceSpec.databases()));
    }

    /** Prints where everything is and how to use it. */
    void printSummary() {
        Duration sinceLaunch = Duration.between(
                ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now());
        console.println(Summary.render(options, kafka, postgres, dataDirectory, services::environment, sinceLaunch));
    }

    /**
     * Blocks until the JVM shuts down (Ctrl-C). Reports a service that dies meanwhile, and reads
     * {@code restart <service>} commands from the terminal so that a killed service can be brought back under this
     * launcher's control.
     */
    private void superviseUntilStopped() {
        if (!options.infraOnly()) {
            Thread commands = new Thread(this::readCommands, "local-stack-commands");
            commands.setDaemon(true);
            commands.start();
        }
        boolean postgresReported = false;
        while (!stopping.get()) {
            services.reportDeaths();
            boolean postgresDead = !postgres.isAlive();
            if (postgresDead && !postgresReported && !stopping.get()) {
                log.warn("PostgreSQL has died; the services cannot reach their databases. Type 'restart postgres'"
                        + " and Enter to start it again on the same data (crash recovery replays its WAL).");
            }
            postgresReported = postgresDead;
            sleep(Duration.ofSeconds(1));
        }
    }

    /**
     * {@code restart postgres} and {@code restart kafka}: the same data directory and port; the services' pools and
     * Kafka clients reconnect by themselves.
     */
    private void restartInfrastructure(String what, Runnable restart) {
        log.info("Restarting {} ...", what);
        try {
            timed(restart, took -> log.info("{} ready again in {}", what, seconds(took)));
        } catch (RuntimeException e) {
            log.error("Restarting {} failed: {}", what, e.getMessage());
        }
    }

    private void readCommands() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null && !stopping.get()) {
                String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
                if (words.length == 2 && words[0].equals("restart") && words[1].equals("postgres")) {
                    restartInfrastructure("PostgreSQL", postgres::restart);
                } else if (words.length == 2 && words[0].equals("restart") && words[1].equals("kafka")) {
                    restartInfrastructure("Kafka", kafka::restart);
                } else if (words.length == 2 && words[0].equals("restart")) {
                    services.restart(words[1]);
                } else if (!line.isBlank()) {
                    log.info("Commands: 'restart <{}|postgres|kafka>'. Ctrl-C stops everything.",
                            options.services().stream().map(ServiceSpec::label).collect(Collectors.joining("|")));
                }
            }
        } catch (IOException e) {
            // no terminal; nothing to read
        }
    }

    /** Stops everything, services first. Safe to call more than once and from the shutdown hook. */
    @Override
    public void close() {
        stopping.set(true);
        if (stopped.getAndSet(true)) {
            return;
        }
        services.stopAll();
        stopQuietly("Kafka", kafka::close);
        stopQuietly("PostgreSQL", postgres::close);
        dataDirectory.close();
        if (launched.get()) {
            log.info("Stopped.");
        }
    }

    private static void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            log.warn("Stopping {} failed: {}", what, e.getMessage());
        }
    }

    private static void timed(Runnable action, Consumer<Duration> report) {
        Instant begin = Instant.now();
        action.run();
        report.accept(Duration.between(begin, Instant.now()));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
