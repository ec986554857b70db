package io.ordersaga.benchmarks;

import io.ordersaga.benchmarks.load.Arrivals;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The benchmark's command line, parsed into an immutable value. Free of side effects so it can be unit-tested.
 *
 * @param mode start a private local stack, or attach to a suite that is already running
 * @param loop open loop (fixed arrival rate) or closed loop (a fixed number of orders from concurrent clients)
 * @param rates open loop: the arrival rates in orders/s, one measured step each (several make a sweep)
 * @param duration open loop: how long each step sends at its rate, after its warm-up
 * @param orders closed loop: how many orders are measured
 * @param clients closed loop: how many clients send back to back
 * @param warmup load before each measured step, at the same rate or concurrency, whose orders are not measured
 * @param jitWarmup unmeasured load at {@link #JIT_WARMUP_RATE} orders/s before the first step, until its orders have
 *                  ended, so the services' JIT has compiled their hot paths: a fresh JVM is several times slower,
 *                  and a fresh stack at a benchmark's rate would cancel its orders at the saga deadline. By default
 *                  three minutes in self-contained mode (the stack is new) and none in attach mode
 * @param mixShare the share of orders that fail at each step (out of stock, declined, unserved country); 0 = all complete
 * @param products how many products the run creates
 * @param customers how many funded accounts the run creates
 * @param connections open loop: the most POSTs in flight at once (later sends wait, and their wait is measured)
 * @param drainTimeout how long to wait, after the last send, for the orders to end before counting them unfinished
 * @param limits whether to measure the broker's and the database's own limits in the same run
 * @param hops whether to follow all four saga topics and report, hop by hop, where a completed order's time went
 * @param outputDir where the JSON results (and, unless {@code plot} says otherwise, the plot) are written
 * @param plot where to draw the latency-versus-throughput PNG, or {@code null} for {@code outputDir}
 * @param urls the four services' base URLs (order, inventory, payment, shipping)
 * @param kafkaBootstrap the suite's broker
 * @param postgresUrl a database on the suite's PostgreSQL where the commit-rate limit may create a scratch schema
 * @param postgresUser its user
 * @param postgresPassword its password
 * @param localStackJar self-contained mode: the launcher to start
 * @param serviceJvmOptions self-contained mode: JVM flags of each service, or empty for the launcher's defaults
 * @param keepData self-contained mode: keep the stack's temporary data directory (logs) after the run
 * @param sagaOnly self-contained mode: start the stack's saga-only profile ({@code bin/local-stack --saga-only})
 * @param arrivals open loop: evenly spaced orders, or a Poisson process of the same mean rate
 * @param seed the seed of everything random in the run's schedule: Poisson gaps and the order of the repeats
 * @param repeats how often each rate is measured, the steps in a seeded random order: 3 for a sweep, else 1
 * @param jitQuiet the JIT warm-up ends when every service JVM compiles fewer methods a minute than this
 * @param help print the usage and exit
 */
public record BenchmarkOptions(
        Mode mode,
        Loop loop,
        List<Integer> rates,
        Duration duration,
        int orders,
        int clients,
        Duration warmup,
        Duration jitWarmup,
        double mixShare,
        int products,
        int customers,
        int connections,
        Duration drainTimeout,
        boolean limits,
        boolean hops,
        Path outputDir,
        Path plot,
        List<URI> urls,
        String kafkaBootstrap,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        Path localStackJar,
        String serviceJvmOptions,
        boolean keepData,
        boolean sagaOnly,
        Arrivals arrivals,
        long seed,
        int repeats,
        int jitQuiet,
        boolean help) {

    public enum Mode { SELF_CONTAINED, ATTACH }

    public enum Loop { OPEN, CLOSED }

    public BenchmarkOptions {
        rates = List.copyOf(rates);
        urls = List.copyOf(urls);
    }

    /**
     * The services' JVM flags in self-contained mode: the local stack's own defaults minus
     * {@code -XX:TieredStopAtLevel=1}, which starts a service faster but keeps it on the C1 compiler for good; a
     * benchmark wants the steady state, so it gets the full JIT.
     */
    public static final String SERVICE_JVM_OPTIONS = "-Xms256m -Xmx384m -XX:+UseSerialGC";

    /** The rate of the JIT warm-up ({@code jitWarmup}): well below a fresh stack's capacity. */
    public static final int JIT_WARMUP_RATE = 30;

    /** The JIT warm-up of a self-contained run unless {@code --jit-warmup} says otherwise. */
    static final Duration SELF_CONTAINED_JIT_WARMUP = Duration.ofMinutes(3);

    /** The open-loop rate unless {@code --rate} or {@code --sweep} says otherwise. */
    static final int DEFAULT_RATE = 200;

    /** Compilations a minute below which a service's JIT counts as quiet (a busy warm-up compiles thousands). */
    static final int DEFAULT_JIT_QUIET = 50;

    /** Repeats of each rate in a sweep unless {@code --repeats} says otherwise: the fewest that have a median. */
    static final int SWEEP_REPEATS = 3;

    /** The options' defaults: what a run without arguments does. */
    public static BenchmarkOptions defaults() {
        return parse();
    }

    /**
     * Parses the command line with picocli (declared options in {@link Cli}); the checks picocli cannot express
     * (positive numbers, the mix's range, the sweep's list, defaults that depend on other options) follow the parse.
     *
     * @throws UsageException with a one-line message fit for the user when the arguments make no sense
     */
    public static BenchmarkOptions parse(String... args) {
        Cli cli = new Cli();
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine(cli).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        List<Integer> rates = rates(cli, parsed);
        Duration jitWarmup = cli.jitWarmup != null ? secondsOrZero("--jit-warmup", cli.jitWarmup)
                : cli.mode == Mode.SELF_CONTAINED ? SELF_CONTAINED_JIT_WARMUP : Duration.ZERO;
        int repeats = cli.repeats != null ? positive("--repeats", cli.repeats)
                : cli.loop == Loop.OPEN && rates.size() > 1 ? SWEEP_REPEATS : 1;
        if (!(cli.mix >= 0 && cli.mix <= 0.3)) { // written so that NaN fails too
            throw new UsageException("--mix is the share of orders failing at each of the three steps, from 0 to 0.3"
                    + " (e.g. 0.1: 10% out of stock, 10% declined, 10% unserved country), not '" + cli.mix + "'.");
        }
        return new BenchmarkOptions(cli.mode, cli.loop, rates, seconds("--duration", cli.duration),
                positive("--orders", cli.orders), positive("--clients", cli.clients),
                secondsOrZero("--warmup", cli.warmup), jitWarmup, cli.mix, positive("--products", cli.products),
                positive("--customers", cli.customers), positive("--connections", cli.connections),
                seconds("--drain-timeout", cli.drainTimeout), !cli.noLimits, cli.hops, cli.out, cli.plot,
                List.of(cli.orderUrl, cli.inventoryUrl, cli.paymentUrl, cli.shippingUrl), cli.kafka, cli.postgresUrl,
                cli.postgresUser, cli.postgresPassword, cli.localStackJar, cli.serviceJvmOpts.trim(), cli.keepData, cli.sagaOnly,
                cli.arrivals, cli.seed, repeats, positive("--jit-quiet", cli.jitQuiet), cli.help);
    }

    /** The text {@code --help} prints, generated by picocli from the declarations in {@link Cli}. */
    public static String usage() {
        return commandLine(new Cli()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /**
     * The parser, set up as the hand-written one behaved: an option given twice takes its last value, arguments are
     * taken literally (no {@code @file} expansion), and the choices are spelled in lower case as in the help.
     */
    private static CommandLine commandLine(Cli cli) {
        return new CommandLine(cli).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false)
                .registerConverter(Mode.class, value -> choice(Mode.class, value))
                .registerConverter(Loop.class, value -> choice(Loop.class, value))
                .registerConverter(Arrivals.class, value -> choice(Arrivals.class, value));
    }

    /** An enum constant by its lower-case name with '-' for '_' ({@code self-contained}, {@code poisson}). */
    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(value.toLowerCase(Locale.ROOT))) {
                return constant;
            }
            names.add("'" + name + "'");
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not " + String.join(" or ", names));
    }

    /** --rate and --sweep both set the rates: the one given last wins, as for any option given twice. */
    private static List<Integer> rates(Cli cli, CommandLine.ParseResult parsed) {
        String last = "--rate";
        for (CommandLine.Model.ArgSpec arg : parsed.matchedArgs()) {
            if (arg instanceof CommandLine.Model.OptionSpec option
                    && (option.longestName().equals("--rate") || option.longestName().equals("--sweep"))) {
                last = option.longestName();
            }
        }
        return last.equals("--sweep") ? rateList(cli.sweep) : List.of(positive("--rate", cli.rate));
    }

    private static List<Integer> rateList(String value) {
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                rates.add(positive("--sweep", Integer.parseInt(part.trim())));
            } catch (NumberFormatException e) {
                throw new UsageException("--sweep needs a positive whole number, not '" + part + "'.");
            }
        }
        if (rates.isEmpty()) {
            throw new UsageException("--sweep needs at least one rate.");
        }
        return rates;
    }

    private static int positive(String option, int value) {
        if (value <= 0) {
            throw new UsageException(option + " needs a positive whole number, not '" + value + "'.");
        }
        return value;
    }

    private static Duration seconds(String option, int value) {
        return Duration.ofSeconds(positive(option, value));
    }

    private static Duration secondsOrZero(String option, int value) {
        if (value < 0) {
            throw new UsageException(option + " needs 0 or a positive whole number of seconds, not '" + value + "'.");
        }
        return Duration.ofSeconds(value);
    }

    /**
     * The measured steps in the order they run: each rate {@code repeats} times, shuffled with {@code seed}, so a
     * slow drift of the machine (a warming JIT, a growing table) does not fall on one rate.
     */
    public List<Step> plan() {
        List<Step> steps = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            for (int rate : rates) {
                steps.add(new Step(rate, repeat));
            }
        }
        java.util.Collections.shuffle(steps, new java.util.Random(seed));
        return steps;
    }

    /** One measured step of the plan: a rate and which repeat of it. */
    public record Step(int rate, int repeat) {
    }

    /** A one-line description of the load, for the report's title. */
    public String describeLoad(int rate) {
        String load = loop == Loop.OPEN
                ? "open loop, " + rate + " orders/s" + (arrivals == Arrivals.POISSON ? " (Poisson arrivals)" : "")
                        + " for " + duration.toSeconds() + " s"
                : "closed loop, " + orders + " orders from " + clients + " clients";
        if (repeats > 1) {
            load += ", each step " + repeats + " times in a random order (seed " + seed + ")";
        }
        String mix = mixShare == 0 ? "every order completes"
                : String.format(Locale.ROOT, "mix: %.0f%% out of stock, %.0f%% declined, %.0f%% unserved",
                mixShare * 100, mixShare * 100, mixShare * 100);
        return load + " (warm-up " + warmup.toSeconds() + " s), " + mix;
    }

    /**
     * The declared command line; picocli fills the fields, and {@link #parse} checks and converts them. The defaults
     * live here only ({@link #defaults()} is a parse of no arguments). Every flag has arity 0, so that
     * {@code --hops=false} is refused rather than read as "no hops".
     */
    @CommandLine.Command(name = "bin/benchmark", sortOptions = false, usageHelpAutoWidth = false, usageHelpWidth = 110,
            synopsisHeading = "",
            customSynopsis = {
                "Usage: bin/benchmark [options]",
                "       (or java -jar benchmarks/target/benchmarks.jar [options] from the repository root)"},
            description = {"",
                "Places orders over REST, follows each one on order.events to COMPLETED or CANCELLED (the end is",
                "when the benchmark's consumer receives that event), and reports throughput, POST->terminal latency",
                "(HdrHistogram), unfinished orders, CPU and peak memory of every process, the machine's CPU from",
                "/proc/stat with the part no metered process explains, and PostgreSQL's WAL syncs and bytes per",
                "order (pg_stat_wal).",
                "In the same run it measures the machine's own limits (Kafka ProducerPerformance with acks=all, a",
                "one-record produce->consume round trip, PostgreSQL commits of an update + outbox insert) and gives",
                "each ordersaga figure as a ratio to them. Every run ends with the saga's invariant checker.", ""},
            optionListHeading = "Options:%n",
            footer = {"",
                "The issuer: ORDERSAGA_ISSUER_URI (default http://localhost:9000). Every run logs in once, as the demo",
                "user admin, and every POST carries that bearer token (renewed before it expires)."})
    static final class Cli {
        @CommandLine.Option(names = "--mode", paramLabel = "self-contained|attach", defaultValue = "self-contained",
                description = "self-contained: start a private local stack (local-stack.jar --wipe --no-demo-data in "
                        + "a temporary data directory), stopped at the end%nattach: use a suite that is already "
                        + "running (bin/local-stack, compose)%n(default: ${DEFAULT-VALUE})")
        Mode mode;

        @CommandLine.Option(names = "--loop", paramLabel = "open|closed", defaultValue = "open",
                description = "open: fixed arrival rate; latency counts from each order's scheduled send time, so "
                        + "a slow suite cannot hide its queueing%nclosed: a fixed number of orders from concurrent "
                        + "clients, back to back%n(default: ${DEFAULT-VALUE})")
        Loop loop;

        /** Not a picocli default: --rate and --sweep both set the rates, and {@link #rates} picks the later one. */
        @CommandLine.Option(names = "--rate", paramLabel = "<orders/s>",
                description = "open loop rate (default: " + DEFAULT_RATE + ")")
        int rate = DEFAULT_RATE;

        @CommandLine.Option(names = "--sweep", paramLabel = "<r1,r2,...>",
                description = "open loop steps at several rates; draws the latency/throughput plot")
        String sweep;

        @CommandLine.Option(names = "--arrivals", paramLabel = "uniform|poisson", defaultValue = "uniform",
                description = "open loop: evenly spaced orders, or a Poisson process of the same mean rate "
                        + "(exponential gaps; latency still counts from each order's scheduled time) "
                        + "(default: ${DEFAULT-VALUE})")
        Arrivals arrivals;

        @CommandLine.Option(names = "--seed", paramLabel = "<n>", defaultValue = "1",
                description = "seed of the Poisson gaps and of the repeats' order (default: ${DEFAULT-VALUE})")
        long seed;

        @CommandLine.Option(names = "--repeats", paramLabel = "<n>",
                description = "measure each rate n times, all steps in a seeded random order; the tables give "
                        + "min / median / max (default: " + SWEEP_REPEATS + " with --sweep, else 1)")
        Integer repeats;

        @CommandLine.Option(names = "--duration", paramLabel = "<s>", defaultValue = "60",
                description = "measured seconds per open-loop step (default: ${DEFAULT-VALUE})")
        int duration;

        @CommandLine.Option(names = "--orders", paramLabel = "<n>", defaultValue = "20000",
                description = "closed loop orders (default: ${DEFAULT-VALUE})")
        int orders;

        @CommandLine.Option(names = "--clients", paramLabel = "<n>", defaultValue = "64",
                description = "closed loop clients (default: ${DEFAULT-VALUE})")
        int clients;

        @CommandLine.Option(names = "--warmup", paramLabel = "<s>", defaultValue = "20",
                description = "unmeasured load before each step, 0 for none (default: ${DEFAULT-VALUE})")
        int warmup;

        @CommandLine.Option(names = "--jit-warmup", paramLabel = "<s>",
                description = "the most unmeasured load at " + JIT_WARMUP_RATE + " orders/s before the first step, "
                        + "for the services' JIT: it stops sooner once every service JVM compiles fewer methods a minute"
                        + " than --jit-quiet (jcmd PerfCounter.print, sun.ci.totalCompiles), then waits for its orders to"
                        + " end (default: 180 in self-contained mode, 0 in attach mode)")
        Integer jitWarmup;

        @CommandLine.Option(names = "--jit-quiet", paramLabel = "<n/min>", defaultValue = "" + DEFAULT_JIT_QUIET,
                description = "compilations a minute that count as quiet (default: ${DEFAULT-VALUE})")
        int jitQuiet;

        @CommandLine.Option(names = "--mix", paramLabel = "<share>", defaultValue = "0",
                description = "share of orders failing at each step, from 0 to 0.3; e.g. 0.1: 10%% out of stock, "
                        + "10%% declined, 10%% unserved country (default: ${DEFAULT-VALUE})")
        double mix;

        @CommandLine.Option(names = "--products", paramLabel = "<n>", defaultValue = "100",
                description = "products created for the run (default: ${DEFAULT-VALUE})")
        int products;

        @CommandLine.Option(names = "--customers", paramLabel = "<n>", defaultValue = "500",
                description = "funded accounts created for the run (default: ${DEFAULT-VALUE})")
        int customers;

        @CommandLine.Option(names = "--connections", paramLabel = "<n>", defaultValue = "256",
                description = "open loop: most POSTs in flight at once (default: ${DEFAULT-VALUE})")
        int connections;

        @CommandLine.Option(names = "--drain-timeout", paramLabel = "<s>", defaultValue = "120",
                description = "wait for unfinished orders after the last send (default: ${DEFAULT-VALUE})")
        int drainTimeout;

        @CommandLine.Option(names = "--no-limits", arity = "0", description = "skip the broker and database limits")
        boolean noLimits;

        @CommandLine.Option(names = "--hops", arity = "0",
                description = "also follow inventory/payment/shipping.events and report each hop of a completed "
                        + "order: relay (publish -> sent) and consume (sent -> next publish), p50/p95; the tap then "
                        + "costs the broker a few fetches more")
        boolean hops;

        @CommandLine.Option(names = "--out", paramLabel = "<dir>", defaultValue = "benchmark-results",
                description = "where results/<timestamp>.json and .png go (default: ${DEFAULT-VALUE})")
        Path out;

        @CommandLine.Option(names = "--plot", paramLabel = "<file.png>",
                description = "where to draw the latency/throughput plot instead")
        Path plot;

        @CommandLine.Option(names = "--order-url", paramLabel = "<url>", defaultValue = "http://localhost:8081",
                description = "attach mode: order-service (default: ${DEFAULT-VALUE})")
        URI orderUrl;

        @CommandLine.Option(names = "--inventory-url", paramLabel = "<url>", defaultValue = "http://localhost:8082",
                description = "attach mode: inventory-service (default: ${DEFAULT-VALUE})")
        URI inventoryUrl;

        @CommandLine.Option(names = "--payment-url", paramLabel = "<url>", defaultValue = "http://localhost:8083",
                description = "attach mode: payment-service (default: ${DEFAULT-VALUE})")
        URI paymentUrl;

        @CommandLine.Option(names = "--shipping-url", paramLabel = "<url>", defaultValue = "http://localhost:8084",
                description = "attach mode: shipping-service (default: ${DEFAULT-VALUE})")
        URI shippingUrl;

        @CommandLine.Option(names = "--kafka", paramLabel = "<bootstrap>", defaultValue = "localhost:9092",
                description = "attach mode: the broker (default: ${DEFAULT-VALUE})")
        String kafka;

        @CommandLine.Option(names = "--postgres-url", paramLabel = "<jdbc url>",
                defaultValue = "jdbc:postgresql://localhost:5432/postgres",
                description = "attach mode: a database where the commit-rate limit may create a scratch schema "
                        + "(default: ${DEFAULT-VALUE})")
        String postgresUrl;

        @CommandLine.Option(names = "--postgres-user", paramLabel = "<name>", defaultValue = "postgres",
                description = "attach mode: its user (default: ${DEFAULT-VALUE})")
        String postgresUser;

        @CommandLine.Option(names = "--postgres-password", paramLabel = "<pw>",
                description = "attach mode: its password (default: empty)")
        String postgresPassword = "";

        @CommandLine.Option(names = "--local-stack-jar", paramLabel = "<path>",
                defaultValue = "local-stack/target/local-stack.jar",
                description = "self-contained mode: the launcher to start%n(default: ${DEFAULT-VALUE})")
        Path localStackJar;

        @CommandLine.Option(names = "--service-jvm-opts", paramLabel = "\"<flags>\"", defaultValue = SERVICE_JVM_OPTIONS,
                description = "self-contained mode: JVM flags for each service; by default the full JIT:%n"
                        + "(default: \"${DEFAULT-VALUE}\")")
        String serviceJvmOpts;

        @CommandLine.Option(names = "--keep-data", arity = "0",
                description = "self-contained mode: keep the temporary data directory and its logs")
        boolean keepData;

        @CommandLine.Option(names = "--saga-only", arity = "0",
                description = "self-contained mode: the saga without its read models (no analytics-service, no "
                        + "timeline or views in order-service), as bin/local-stack --saga-only; every report names the "
                        + "profile it measured")
        boolean sagaOnly;

        @CommandLine.Option(names = "--no-build", arity = "0",
                description = "(bin/benchmark) run without building first")
        boolean noBuild;

        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;
    }

    /** A command-line mistake; its message is shown to the user as it is. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
