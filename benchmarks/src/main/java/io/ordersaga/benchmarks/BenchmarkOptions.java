package io.ordersaga.benchmarks;

import io.ordersaga.benchmarks.load.Arrivals;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        Arrivals arrivals,
        long seed,
        int repeats,
        int jitQuiet,
        boolean help) {

    private static final Set<String> FLAGS = Set.of("-h", "--help", "--no-limits", "--hops", "--keep-data",
            "--no-build");
    private static final Set<String> VALUED = Set.of("--mode", "--loop", "--rate", "--sweep", "--duration", "--orders",
            "--clients", "--warmup", "--jit-warmup", "--mix", "--products", "--customers", "--connections",
            "--drain-timeout", "--out", "--plot", "--order-url", "--inventory-url", "--payment-url", "--shipping-url",
            "--kafka", "--postgres-url", "--postgres-user", "--postgres-password", "--local-stack-jar",
            "--service-jvm-opts", "--arrivals", "--seed", "--repeats", "--jit-quiet");

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

    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(Mode.SELF_CONTAINED, Loop.OPEN, List.of(200), Duration.ofSeconds(60), 20_000, 64,
                Duration.ofSeconds(20), SELF_CONTAINED_JIT_WARMUP, 0.0, 100, 500, 256, Duration.ofSeconds(120), true,
                false, Path.of("benchmark-results"),
                null, List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:8082"),
                URI.create("http://localhost:8083"), URI.create("http://localhost:8084")), "localhost:9092",
                "jdbc:postgresql://localhost:5432/postgres", "postgres", "", Path.of("local-stack/target/local-stack.jar"),
                SERVICE_JVM_OPTIONS, false, Arrivals.UNIFORM, 1L, 1, DEFAULT_JIT_QUIET, false);
    }

    /** Compilations a minute below which a service's JIT counts as quiet (a busy warm-up compiles thousands). */
    static final int DEFAULT_JIT_QUIET = 50;

    /** Repeats of each rate in a sweep unless {@code --repeats} says otherwise: the fewest that have a median. */
    static final int SWEEP_REPEATS = 3;

    /**
     * Parses the command line.
     *
     * @throws UsageException with a message fit for the user when the arguments make no sense
     */
    public static BenchmarkOptions parse(String... args) {
        BenchmarkOptions d = defaults();
        Mode mode = d.mode;
        Loop loop = d.loop;
        List<Integer> rates = d.rates;
        Duration duration = d.duration;
        int orders = d.orders;
        int clients = d.clients;
        Duration warmup = d.warmup;
        Duration jitWarmup = null; // the mode's default unless given
        double mix = d.mixShare;
        int products = d.products;
        int customers = d.customers;
        int connections = d.connections;
        Duration drain = d.drainTimeout;
        boolean limits = d.limits;
        boolean hops = d.hops;
        Path outputDir = d.outputDir;
        Path plot = d.plot;
        List<URI> urls = new ArrayList<>(d.urls);
        String kafka = d.kafkaBootstrap;
        String pgUrl = d.postgresUrl;
        String pgUser = d.postgresUser;
        String pgPassword = d.postgresPassword;
        Path jar = d.localStackJar;
        String jvm = d.serviceJvmOptions;
        boolean keep = d.keepData;
        Arrivals arrivals = d.arrivals;
        long seed = d.seed;
        Integer repeats = null; // 3 for a sweep, else 1, unless given
        int jitQuiet = d.jitQuiet;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg;
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                option = arg.substring(0, equals);
                inline = arg.substring(equals + 1);
            }
            if (!FLAGS.contains(option) && !VALUED.contains(option)) {
                throw new UsageException(option.startsWith("-") ? "Unknown option '" + option + "'."
                        : "Unexpected argument '" + option + "'.");
            }
            String value = null;
            if (VALUED.contains(option)) {
                if (inline != null) {
                    value = inline;
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException(option + " needs a value.");
                }
            } else if (inline != null) {
                throw new UsageException(option + " takes no value.");
            }
            switch (option) {
                case "-h", "--help" -> help = true;
                case "--mode" -> mode = mode(value);
                case "--loop" -> loop = loop(value);
                case "--rate" -> rates = List.of(positive(option, value));
                case "--sweep" -> rates = rateList(option, value);
                case "--duration" -> duration = seconds(option, value);
                case "--orders" -> orders = positive(option, value);
                case "--clients" -> clients = positive(option, value);
                case "--warmup" -> warmup = secondsOrZero(option, value);
                case "--jit-warmup" -> jitWarmup = secondsOrZero(option, value);
                case "--mix" -> mix = share(option, value);
                case "--products" -> products = positive(option, value);
                case "--customers" -> customers = positive(option, value);
                case "--connections" -> connections = positive(option, value);
                case "--drain-timeout" -> drain = seconds(option, value);
                case "--no-limits" -> limits = false;
                case "--hops" -> hops = true;
                case "--out" -> outputDir = Path.of(value);
                case "--plot" -> plot = Path.of(value);
                case "--order-url" -> urls.set(0, URI.create(value));
                case "--inventory-url" -> urls.set(1, URI.create(value));
                case "--payment-url" -> urls.set(2, URI.create(value));
                case "--shipping-url" -> urls.set(3, URI.create(value));
                case "--kafka" -> kafka = value;
                case "--postgres-url" -> pgUrl = value;
                case "--postgres-user" -> pgUser = value;
                case "--postgres-password" -> pgPassword = value;
                case "--local-stack-jar" -> jar = Path.of(value);
                case "--service-jvm-opts" -> jvm = value.trim();
                case "--keep-data" -> keep = true;
                case "--arrivals" -> arrivals = arrivals(value);
                case "--seed" -> seed = seed(option, value);
                case "--repeats" -> repeats = positive(option, value);
                case "--jit-quiet" -> jitQuiet = positive(option, value);
                case "--no-build" -> { } // for bin/benchmark, which does the building
                default -> throw new IllegalStateException("unhandled option " + option);
            }
        }
        if (jitWarmup == null) {
            jitWarmup = mode == Mode.SELF_CONTAINED ? SELF_CONTAINED_JIT_WARMUP : Duration.ZERO;
        }
        if (repeats == null) {
            repeats = loop == Loop.OPEN && rates.size() > 1 ? SWEEP_REPEATS : 1;
        }
        return new BenchmarkOptions(mode, loop, rates, duration, orders, clients, warmup, jitWarmup, mix, products,
                customers, connections, drain, limits, hops, outputDir, plot, urls, kafka, pgUrl, pgUser, pgPassword,
                jar, jvm, keep, arrivals, seed, repeats, jitQuiet, help);
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

    private static Arrivals arrivals(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "uniform" -> Arrivals.UNIFORM;
            case "poisson" -> Arrivals.POISSON;
            default -> throw new UsageException("--arrivals is 'uniform' or 'poisson', not '" + value + "'.");
        };
    }

    private static long seed(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not '" + value + "'.");
        }
    }


    private static Mode mode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "self-contained" -> Mode.SELF_CONTAINED;
            case "attach" -> Mode.ATTACH;
            default -> throw new UsageException("--mode is 'self-contained' or 'attach', not '" + value + "'.");
        };
    }

    private static Loop loop(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "open" -> Loop.OPEN;
            case "closed" -> Loop.CLOSED;
            default -> throw new UsageException("--loop is 'open' or 'closed', not '" + value + "'.");
        };
    }

    private static List<Integer> rateList(String option, String value) {
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            rates.add(positive(option, part));
        }
        if (rates.isEmpty()) {
            throw new UsageException(option + " needs at least one rate.");
        }
        return rates;
    }

    private static int positive(String option, String value) {
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

    private static Duration seconds(String option, String value) {
        return Duration.ofSeconds(positive(option, value));
    }

    private static Duration secondsOrZero(String option, String value) {
        return value.trim().equals("0") ? Duration.ZERO : seconds(option, value);
    }

    private static double share(String option, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 0.3) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " is the share of orders failing at each of the three steps, from 0 to 0.3"
                + " (e.g. 0.1: 10% out of stock, 10% declined, 10% unserved country), not '" + value + "'.");
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

    public static String usage() {
        return """
                Usage: bin/benchmark [options]
                       (or java -jar benchmarks/target/benchmarks.jar [options] from the repository root)

                Places orders over REST, follows each one on order.events to COMPLETED or CANCELLED (the end is
                when the benchmark's consumer receives that event), and reports throughput, POST->terminal latency
                (HdrHistogram), unfinished orders, CPU and peak memory of every process, the machine's CPU from
                /proc/stat with the part no metered process explains, and PostgreSQL's WAL syncs and bytes per
                order (pg_stat_wal).
                In the same run it measures the machine's own limits (Kafka ProducerPerformance with acks=all, a
                one-record produce->consume round trip, PostgreSQL commits of an update + outbox insert) and gives
                each ordersaga figure as a ratio to them. Every run ends with the saga's invariant checker.

                Where:
                  --mode self-contained     (default) start a private local stack: local-stack.jar --wipe
                                            --no-demo-data in a temporary data directory; stopped at the end
                  --mode attach             use a suite that is already running (bin/local-stack, compose)
                Load:
                  --loop open               (default) fixed arrival rate; latency counts from each order's
                                            scheduled send time, so a slow suite cannot hide its queueing
                  --rate <orders/s>         open loop rate (default 200)
                  --arrivals uniform|poisson  open loop: evenly spaced orders (default), or a Poisson process of
                                            the same mean rate (exponential gaps; latency still counts from each
                                            order's scheduled time)
                  --seed <n>                seed of the Poisson gaps and of the repeats' order (default 1)
                  --repeats <n>             measure each rate n times, all steps in a seeded random order; the
                                            tables give min / median / max (default 3 with --sweep, else 1)
                  --sweep <r1,r2,...>       open loop steps at several rates; draws the latency/throughput plot
                  --duration <s>            measured seconds per open-loop step (default 60)
                  --loop closed             a fixed number of orders from concurrent clients, back to back
                  --orders <n>              closed loop orders (default 20000)
                  --clients <n>             closed loop clients (default 64)
                  --warmup <s>              unmeasured load before each step (default 20)
                  --jit-warmup <s>          the most unmeasured load at 30 orders/s before the first step, for
                                            the services' JIT: it stops sooner once every service JVM compiles
                                            fewer methods a minute than --jit-quiet (jcmd PerfCounter.print,
                                            sun.ci.totalCompiles), then waits for its orders to end (default:
                                            180 in self-contained mode, 0 in attach mode)
                  --jit-quiet <n/min>       compilations a minute that count as quiet (default 50)
                  --mix <share>             share of orders failing at each step, e.g. 0.1 (default 0)
                  --products <n>            products created for the run (default 100)
                  --customers <n>           funded accounts created for the run (default 500)
                  --connections <n>         open loop: most POSTs in flight at once (default 256)
                  --drain-timeout <s>       wait for unfinished orders after the last send (default 120)
                Limits and output:
                  --no-limits               skip the broker and database limits
                  --hops                    also follow inventory/payment/shipping.events and report each hop of
                                            a completed order: relay (publish -> sent) and consume (sent -> next
                                            publish), p50/p95; the tap then costs the broker a few fetches more
                  --out <dir>               where results/<timestamp>.json and .png go (default benchmark-results)
                  --plot <file.png>         where to draw the latency/throughput plot instead
                Addresses (attach mode; self-contained uses the defaults):
                  --order-url, --inventory-url, --payment-url, --shipping-url  (default localhost:8081-8084)
                  --kafka <bootstrap>       (default localhost:9092)
                  --postgres-url <jdbc url> (default jdbc:postgresql://localhost:5432/postgres)
                  --postgres-user <name>    (default postgres)   --postgres-password <pw> (default empty)
                  the issuer: ORDERSAGA_ISSUER_URI (default http://localhost:9000). Every run logs in once, as the
                  demo user admin, and every POST carries that bearer token (renewed before it expires).
                Self-contained mode:
                  --local-stack-jar <path>  (default local-stack/target/local-stack.jar)
                  --service-jvm-opts "<flags>"  JVM flags for each service
                            (default: "-Xms256m -Xmx384m -XX:+UseSerialGC": the full JIT)
                  --keep-data               keep the temporary data directory and its logs
                  --no-build                (bin/benchmark) run without building first
                """;
    }

    /** A command-line mistake; its message is shown to the user as it is. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
