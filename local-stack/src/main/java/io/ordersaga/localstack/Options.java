package io.ordersaga.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        return new Options(Command.RUN, false, false, Path.of(DEFAULT_DATA_DIR), Path.of("."), true,
                DEFAULT_READY_TIMEOUT_SECONDS, DEFAULT_KAFKA_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_POSTGRES_PORT,
                DEFAULT_SERVICE_JVM_OPTIONS, List.of());
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public Options withInfraOnly(boolean value) {
        return new Options(command, value, wipe, dataDir, repoRoot, demoData, readyTimeoutSeconds, kafkaPort,
                controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withWipe(boolean value) {
        return new Options(command, infraOnly, value, dataDir, repoRoot, demoData, readyTimeoutSeconds, kafkaPort,
                controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withDataDir(Path value) {
        return new Options(command, infraOnly, wipe, value, repoRoot, demoData, readyTimeoutSeconds, kafkaPort,
                controllerPort, postgresPort, serviceJvmOptions, toolArgs);
    }

    public Options withPorts(int kafka, int controller, int postgres) {
        return new Options(command, infraOnly, wipe, dataDir, repoRoot, demoData, readyTimeoutSeconds, kafka,
                controller, postgres, serviceJvmOptions, toolArgs);
    }

    /**
     * Parses the command line.
     *
     * @throws UsageException with a message fit for the user when the arguments make no sense
     */
    public static Options parse(String... args) {
        Options defaults = defaults();
        if (args.length > 0 && (args[0].equals("console-consumer") || args[0].equals("topics"))) {
            Command tool = args[0].equals("topics") ? Command.TOPICS : Command.CONSOLE_CONSUMER;
            return new Options(tool, false, false, defaults.dataDir, defaults.repoRoot, true,
                    defaults.readyTimeoutSeconds, defaults.kafkaPort, defaults.controllerPort, defaults.postgresPort,
                    defaults.serviceJvmOptions, List.of(args).subList(1, args.length));
        }

        Command command = Command.RUN;
        boolean infraOnly = false;
        boolean wipe = false;
        boolean demoData = true;
        Path dataDir = defaults.dataDir;
        Path repoRoot = defaults.repoRoot;
        int readyTimeout = defaults.readyTimeoutSeconds;
        int kafkaPort = defaults.kafkaPort;
        int controllerPort = defaults.controllerPort;
        int postgresPort = defaults.postgresPort;
        List<String> jvmOptions = defaults.serviceJvmOptions;

        ArgCursor cursor = new ArgCursor(args);
        while (cursor.hasNext()) {
            String option = cursor.next();
            switch (option) {
                case "-h", "--help" -> command = cursor.flag(option, Command.HELP);
                case "--infra-only" -> infraOnly = cursor.flag(option, true);
                case "--wipe" -> wipe = cursor.flag(option, true);
                case "--no-demo-data" -> demoData = cursor.flag(option, false);
                case "--no-build" -> cursor.flag(option, true); // for bin/local-stack, which does the building
                case "--data-dir" -> dataDir = Path.of(cursor.value(option));
                case "--repo-root" -> repoRoot = Path.of(cursor.value(option));
                case "--ready-timeout" -> readyTimeout = positiveInt(option, cursor.value(option));
                case "--kafka-port" -> kafkaPort = port(option, cursor.value(option));
                case "--controller-port" -> controllerPort = port(option, cursor.value(option));
                case "--postgres-port" -> postgresPort = port(option, cursor.value(option));
                case "--service-jvm-opts" -> jvmOptions = splitFlags(cursor.value(option));
                default -> throw new UsageException(option.startsWith("-")
                        ? "Unknown option '" + option + "'."
                        : "Unexpected argument '" + option + "'. Subcommands are 'console-consumer' and 'topics'.");
            }
        }
        if (kafkaPort == controllerPort) {
            throw new UsageException("--kafka-port and --controller-port must differ (both are " + kafkaPort + ").");
        }
        return new Options(command, infraOnly, wipe, dataDir, repoRoot, demoData, readyTimeout, kafkaPort,
                controllerPort, postgresPort, jvmOptions, List.of());
    }

    private static int port(String option, String value) {
        int port = positiveInt(option, value);
        if (port > 65535) {
            throw new UsageException(option + " must be a port number between 1 and 65535, not '" + value + "'.");
        }
        return port;
    }

    private static int positiveInt(String option, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " needs a positive whole number, not '" + value + "'.");
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

    /** The text {@code --help} prints. */
    public static String usage() {
        return """
                Usage: bin/local-stack [options]
                       bin/local-stack console-consumer [kafka-console-consumer options]
                       bin/local-stack topics [kafka-topics options]
                  (or java -jar local-stack/target/local-stack.jar ... from the repository root)

                Starts the whole ordersaga suite without Docker: a real Kafka broker (KRaft) and a real
                PostgreSQL 17 inside this JVM, then order-, inventory-, payment-, shipping- and
                analytics-service (ports 8081-8085) and the token issuer auth-server (port 9000) as child
                processes. Ctrl-C stops everything. bin/token alice prints an access token.

                Options:
                  --infra-only              start only Kafka and PostgreSQL, e.g. to run a service from an IDE;
                                            prints the environment variables each service needs
                  --wipe                    delete all data (topics, databases, logs) before starting
                  --data-dir <path>         where Kafka, PostgreSQL, the issuer's signing key and the logs live
                                            (default: .local-stack)
                  --repo-root <path>        where to find <service>/target/<service>-exec.jar (default: .)
                  --no-demo-data            start the services with ORDERSAGA_DEMO_DATA=false
                  --ready-timeout <seconds> how long to wait for the services to be ready (default: 120)
                  --kafka-port <port>       Kafka's client listener (default: 9092)
                  --controller-port <port>  Kafka's KRaft controller listener (default: 9093)
                  --postgres-port <port>    PostgreSQL (default: 5432)
                  --service-jvm-opts "<flags>"
                                            JVM flags for each service
                                            (default: "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                  --no-build                (bin/local-stack) start without running the Maven build first
                  -h, --help                show this help

                Subcommands (against a running stack):
                  console-consumer ...      Kafka's own console consumer. Adds --bootstrap-server localhost:9092
                                            and prints keys, headers and timestamps unless you say otherwise.
                                            Example: bin/kafka-console-consumer --topic order.events --from-beginning
                  topics ...                Kafka's own topic command; lists the topics when given no action.
                """;
    }

    /** A command-line mistake; its message is shown to the user as it is, followed by a hint to use --help. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private static final class ArgCursor {
        private final String[] args;
        private int index;
        private String inlineValue;

        ArgCursor(String[] args) {
            this.args = args;
        }

        boolean hasNext() {
            return index < args.length;
        }

        /** The next option, with an {@code --option=value} form split so that {@link #value} returns the value. */
        String next() {
            String arg = args[index++];
            inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                inlineValue = arg.substring(equals + 1);
                return arg.substring(0, equals);
            }
            return arg;
        }

        /** Returns {@code result} for an option that takes no value, rejecting {@code --flag=value}. */
        <T> T flag(String option, T result) {
            if (inlineValue != null) {
                throw new UsageException(option + " takes no value.");
            }
            return result;
        }

        String value(String option) {
            if (inlineValue != null) {
                return inlineValue;
            }
            if (index >= args.length) {
                throw new UsageException(option + " needs a value.");
            }
            return args[index++];
        }
    }
}
