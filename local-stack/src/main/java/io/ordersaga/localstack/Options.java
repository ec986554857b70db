package io.ordersaga.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * The launcher's command line, parsed into an immutable value.
 *
 * <p>Kept free of side effects so it can be unit-tested and so that every component gets its ports and
 * directories from here rather than from constants: the integration test runs the real launcher code on random
 * ports in a temporary directory.
 *
 * @param command what to do: run the stack, print help, or delegate to one of Kafka's own tools
 * @param infraOnly start only Kafka and PostgreSQL
 * @param wipe delete the data directory before starting
 * @param dataDir where Kafka, PostgreSQL and the logs keep their files
 * @param repoRoot where the services' {@code <module>/target/<module>-exec.jar} files are looked up
 * @param demoData value of {@code ORDERSAGA_DEMO_DATA} for the services
 * @param sagaOnly the saga without its read models: no analytics-service, and order-service with
 *                 {@code ORDERSAGA_READ_MODELS_ENABLED=false} (the benchmark's saga-only profile)
 * @param statementStats whether PostgreSQL tracks each statement's calls and time ({@code pg_stat_statements}),
 *                       which the benchmark reports per order
 * @param readyTimeoutSeconds how long to wait for every service to report ready
 * @param kafkaPort the broker's PLAINTEXT listener
 * @param controllerPort the KRaft controller listener
 * @param postgresPort PostgreSQL's port
 * @param serviceJvmOptions JVM flags for each service process
 * @param toolArgs the arguments passed through to a Kafka tool ({@link Command#CONSOLE_CONSUMER}, {@link Command#TOPICS})
 */
public record Options(
        Command command,
        boolean infraOnly,
        boolean wipe,
        Path dataDir,
        Path repoRoot,
        boolean demoData,
        boolean sagaOnly,
        boolean statementStats,
        int readyTimeoutSeconds,
        int kafkaPort,
        int controllerPort,
        int postgresPort,
        List<String> serviceJvmOptions,
        List<String> toolArgs) {

    /** What the launcher was asked to do. */
    public enum Command { RUN, HELP, CONSOLE_CONSUMER, TOPICS }

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    public static final int DEFAULT_READY_TIMEOUT_SECONDS = 120;
    public static final String DEFAULT_DATA_DIR = ".local-stack";

    /**
     * Small heap, serial GC and C1 only: four Spring Boot services and a broker start at once on two cores, where
     * start-up is CPU-bound, and C1-only JIT makes that start noticeably faster. The price is lower peak throughput,
     * which a local demo does not need; pass {@code --service-jvm-opts} to change it.
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public Options {
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        toolArgs = List.copyOf(toolArgs);
    }

    /** The defaults: run everything, data in {@code .local-stack} below the current directory. */
    public static Options defaults() {
        return new Options(Command.RUN, false, false, Path.of(DEFAULT_DATA_DIR), Path.of("."), true, false, true,
                DEFAULT_READY_TIMEOUT_SECONDS, DEFAULT_KAFKA_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_POSTGRES_PORT,
                DEFAULT_SERVICE_JVM_OPTIONS, List.of());
    }

    /** The services this run starts: all of them, or without analytics-service in the saga-only profile. */
    public List<ServiceSpec> services() {
        return sagaOnly ? ServiceSpec.ALL.stream().filter(spec -> !spec.equals(ServiceSpec.ANALYTICS)).toList()
                : ServiceSpec.ALL;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public Options withInfraOnly(boolean value) {
        return new Options(command, value, wipe, dataDir, repoRoot, demoData, sagaOnly, statementStats,
                readyTimeoutSeconds, kafkaPort, controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withWipe(boolean value) {
        return new Options(command, infraOnly, value, dataDir, repoRoot, demoData, sagaOnly, statementStats,
                readyTimeoutSeconds, kafkaPort, controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withDataDir(Path value) {
        return new Options(command, infraOnly, wipe, value, repoRoot, demoData, sagaOnly, statementStats,
                readyTimeoutSeconds, kafkaPort, controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withPorts(int kafka, int controller, int postgres) {
        return new Options(command, infraOnly, wipe, dataDir, repoRoot, demoData, sagaOnly, statementStats,
                readyTimeoutSeconds, kafka, controller, postgres, serviceJvmOptions, toolArgs);
    }

    /**
     * Parses the command line with picocli (declared options below); the checks picocli cannot express (port
     * range, positive numbers, distinct Kafka ports) follow the parse.
     *
     * @throws UsageException with a message fit for the user when the arguments make no sense
     */
    public static Options parse(String... args) {
        Options defaults = defaults();
        if (args.length > 0 && (args[0].equals("console-consumer") || args[0].equals("topics"))) {
            // Passed through untouched: these are Kafka's own tools with Kafka's own options.
            Command tool = args[0].equals("topics") ? Command.TOPICS : Command.CONSOLE_CONSUMER;
            return new Options(tool, false, false, defaults.dataDir, defaults.repoRoot, true, false, true,
                    defaults.readyTimeoutSeconds, defaults.kafkaPort, defaults.controllerPort, defaults.postgresPort,
                    defaults.serviceJvmOptions, List.of(args).subList(1, args.length));
        }
        Cli cli = new Cli();
        try {
            new CommandLine(cli).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cli.unexpected.isEmpty()) {
            throw new UsageException("Unexpected argument '" + cli.unexpected.get(0)
                    + "'. Subcommands are 'console-consumer' and 'topics'.");
        }
        int readyTimeout = positive("--ready-timeout", cli.readyTimeout);
        int kafkaPort = port("--kafka-port", cli.kafkaPort);
        int controllerPort = port("--controller-port", cli.controllerPort);
        int postgresPort = port("--postgres-port", cli.postgresPort);
        if (kafkaPort == controllerPort) {
            throw new UsageException("--kafka-port and --controller-port must differ (both are " + kafkaPort + ").");
        }
        return new Options(cli.help ? Command.HELP : Command.RUN, cli.infraOnly, cli.wipe, cli.dataDir, cli.repoRoot,
                !cli.noDemoData, cli.sagaOnly, !cli.noStatementStats, readyTimeout, kafkaPort, controllerPort,
                postgresPort, splitFlags(cli.serviceJvmOpts), List.of());
    }

    private static int port(String option, int value) {
        if (value < 1 || value > 65535) {
            throw new UsageException(option + " must be a port number between 1 and 65535, not '" + value + "'.");
        }
        return value;
    }

    private static int positive(String option, int value) {
        if (value <= 0) {
            throw new UsageException(option + " needs a positive whole number, not '" + value + "'.");
        }
        return value;
    }

    private static List<String> splitFlags(String value) {
        List<String> flags = new ArrayList<>();
        for (String flag : value.trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The text {@code --help} prints, generated by picocli from the declarations in {@link Cli}. */
    public static String usage() {
        return new CommandLine(new Cli()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The declared command line; picocli fills the fields. Defaults are the constants above. */
    @CommandLine.Command(name = "bin/local-stack", sortOptions = false, usageHelpAutoWidth = false, usageHelpWidth = 110, synopsisHeading = "",
            customSynopsis = {
                "Usage: bin/local-stack [options]",
                "       bin/local-stack console-consumer [kafka-console-consumer options]",
                "       bin/local-stack topics [kafka-topics options]",
                "  (or java -jar local-stack/target/local-stack.jar ... from the repository root)"},
            description = {"",
                "Starts the whole ordersaga suite without Docker: a real Kafka broker (KRaft) and a real",
                "PostgreSQL 17 inside this JVM, then order-, inventory-, payment-, shipping- and",
                "analytics-service (ports 8081-8085) and the token issuer auth-server (port 9000) as child",
                "processes. Ctrl-C stops everything. bin/token alice prints an access token.", ""},
            optionListHeading = "Options:%n",
            footer = {"",
                "Subcommands (against a running stack):",
                "  console-consumer ...      Kafka's own console consumer. Adds --bootstrap-server localhost:9092",
                "                            and prints keys, headers and timestamps unless you say otherwise.",
                "                            Example: bin/kafka-console-consumer --topic order.events --from-beginning",
                "  topics ...                Kafka's own topic command; lists the topics when given no action."})
    static final class Cli {
        @CommandLine.Option(names = "--infra-only", description = {"start only Kafka and PostgreSQL, e.g. to run a "
                + "service from an IDE; prints the environment variables each service needs"})
        boolean infraOnly;

        @CommandLine.Option(names = "--wipe", description = "delete all data (topics, databases, logs) before starting")
        boolean wipe;

        @CommandLine.Option(names = "--data-dir", paramLabel = "<path>", defaultValue = DEFAULT_DATA_DIR,
                description = "where Kafka, PostgreSQL, the issuer's key and logs live (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @CommandLine.Option(names = "--repo-root", paramLabel = "<path>", defaultValue = ".",
                description = "where to find <service>/target/<service>-exec.jar (default: ${DEFAULT-VALUE})")
        Path repoRoot;

        @CommandLine.Option(names = "--no-demo-data", description = "start the services with ORDERSAGA_DEMO_DATA=false")
        boolean noDemoData;

        @CommandLine.Option(names = "--saga-only", description = {
                "the saga without its read models: no analytics-service, and",
                "order-service without its timeline and views",
                "(ORDERSAGA_READ_MODELS_ENABLED=false); the benchmark's saga-only profile"})
        boolean sagaOnly;

        @CommandLine.Option(names = "--no-statement-stats", description = {
                "PostgreSQL without pg_stat_statements tracking (the benchmark",
                "then reports no statements)"})
        boolean noStatementStats;

        @CommandLine.Option(names = "--ready-timeout", paramLabel = "<seconds>", defaultValue = "120",
                description = "how long to wait for the services to be ready (default: ${DEFAULT-VALUE})")
        int readyTimeout;

        @CommandLine.Option(names = "--kafka-port", paramLabel = "<port>", defaultValue = "9092",
                description = "Kafka's client listener (default: ${DEFAULT-VALUE})")
        int kafkaPort;

        @CommandLine.Option(names = "--controller-port", paramLabel = "<port>", defaultValue = "9093",
                description = "Kafka's KRaft controller listener (default: ${DEFAULT-VALUE})")
        int controllerPort;

        @CommandLine.Option(names = "--postgres-port", paramLabel = "<port>", defaultValue = "5432",
                description = "PostgreSQL (default: ${DEFAULT-VALUE})")
        int postgresPort;

        @CommandLine.Option(names = "--service-jvm-opts", paramLabel = "\"<flags>\"",
                defaultValue = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                description = "JVM flags for each service (default: \"${DEFAULT-VALUE}\")")
        String serviceJvmOpts;

        @CommandLine.Option(names = "--no-build",
                description = "(bin/local-stack) start without running the Maven build first")
        boolean noBuild;

        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;

        /** Collected only to report them with the old, friendlier message naming the subcommands. */
        @CommandLine.Parameters(hidden = true)
        List<String> unexpected = new ArrayList<>();
    }

    /** A command-line mistake; its message is shown to the user as it is, followed by a hint to use --help. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
