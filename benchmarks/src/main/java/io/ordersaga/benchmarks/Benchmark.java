package io.ordersaga.benchmarks;

import io.ordersaga.benchmarks.BenchmarkOptions.Loop;
import io.ordersaga.benchmarks.BenchmarkOptions.Mode;
import io.ordersaga.benchmarks.limits.CommitLimit;
import io.ordersaga.benchmarks.limits.ProducerLimit;
import io.ordersaga.benchmarks.limits.RoundTripLimit;
import io.ordersaga.benchmarks.load.BearerToken;
import io.ordersaga.benchmarks.load.ClosedLoop;
import io.ordersaga.benchmarks.load.Fixture;
import io.ordersaga.benchmarks.load.JwtCheckCost;
import io.ordersaga.benchmarks.load.OpenLoop;
import io.ordersaga.benchmarks.load.OrderFactory;
import io.ordersaga.benchmarks.load.OrderPoster;
import io.ordersaga.benchmarks.load.OrderSender;
import io.ordersaga.benchmarks.load.OrderEvents;
import io.ordersaga.benchmarks.load.OrderTap;
import io.ordersaga.benchmarks.load.Progress;
import io.ordersaga.benchmarks.load.RunLog;
import io.ordersaga.benchmarks.load.RunLog.PlacedOrder;
import io.ordersaga.benchmarks.load.WallClock;
import io.ordersaga.benchmarks.load.Window;
import io.ordersaga.benchmarks.report.BenchmarkReport;
import io.ordersaga.benchmarks.report.BenchmarkReport.InvariantResult;
import io.ordersaga.benchmarks.report.BenchmarkReport.Limits;
import io.ordersaga.benchmarks.report.BenchmarkReport.ProcessInfo;
import io.ordersaga.benchmarks.report.RateSummary;
import io.ordersaga.benchmarks.resources.JitCompilations;
import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import io.ordersaga.benchmarks.report.LatencyPlot;
import io.ordersaga.benchmarks.report.Latencies;
import io.ordersaga.benchmarks.report.MachineInfo;
import io.ordersaga.benchmarks.report.ResultsJson;
import io.ordersaga.benchmarks.report.ResultsTable;
import io.ordersaga.benchmarks.report.StepAnalysis;
import io.ordersaga.benchmarks.resources.ProcFs;
import io.ordersaga.benchmarks.resources.ResourceMeter;
import io.ordersaga.benchmarks.suite.AttachedSuite;
import io.ordersaga.benchmarks.suite.LocalStackSuite;
import io.ordersaga.benchmarks.suite.SagaTopics;
import io.ordersaga.benchmarks.suite.Suite;
import io.ordersaga.benchmarks.suite.SuiteDatabase;
import io.ordersaga.benchmarks.suite.SuiteProcesses;
import io.ordersaga.sagaclient.InvariantChecker;
import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.tokenclient.TokenClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One benchmark run: find or start the suite, measure the machine's limits, create the run's products and
 * accounts, run the measured steps while following every order on {@code order.events}, check the invariants,
 * and report.
 */
public final class Benchmark {

    static final int LIMIT_RECORD_SIZE = 512;
    private static final long PRODUCER_LIMIT_RECORDS = 500_000;
    private static final int COMMIT_LIMIT_THREADS = 4;
    /**
     * How long the checker waits for the compensations to land: an order ends (CANCELLED TIMED_OUT, say) before the
     * services behind it have worked off their backlog, so after an overloaded step the stock of its cancelled orders
     * comes back minutes later. Checked again and again until the invariants hold, so a healthy run pays nothing.
     */
    private static final Duration INVARIANT_SETTLE = Duration.ofMinutes(5);
    private static final int MAX_VIOLATIONS_SHOWN = 20;
    private static final int JWT_WARM_UP = 20_000;
    private static final int JWT_CHECKS = 20_000;

    /** The demo user whose token every POST carries (docs/security.md). */
    static final String BENCHMARK_USER = "admin";

    private final BenchmarkOptions options;
    private final PrintStream out;
    private final String command;

    public Benchmark(BenchmarkOptions options, PrintStream out, String command) {
        this.options = options;
        this.out = out;
        this.command = command;
    }

    /** Runs and reports; the report is also returned, for the exit code. */
    public BenchmarkReport run() throws Exception {
        double loadBefore = MachineInfo.loadAverage();
        Instant startedAt = Instant.now();
        out.printf(Locale.ROOT, "ordersaga benchmark: %s; load average %.2f%n", options.describeLoad(
                options.rates().get(0)), loadBefore);
        try (Suite suite = openSuite(); BearerToken token = login(suite)) {
            SuiteDatabase database = suite.database();
            Map<String, String> durability = new LinkedHashMap<>(database.settings());
            durability.put("kafka_producer", "acks=all, enable.idempotence=true (enforced by messaging-support)");
            warnIfNotDurable(durability);
            List<SuiteProcesses.Found> found = SuiteProcesses.find(suite);
            found.forEach(f -> out.printf(Locale.ROOT, "  metering %-18s pid %d%n", f.process().name(), f.process().pid()));

            try (SagaTopics topics = new SagaTopics(suite.kafkaBootstrap())) {
                String profile = topics.profile();
                out.printf(Locale.ROOT, "Profile: %s%n", profile);
                Limits limits = options.limits() ? measureLimits(suite, topics) : null;

                String runId = Fixture.newRunId();
                out.printf(Locale.ROOT, "Creating %d products and %d accounts (run %s) ...%n", options.products(),
                        options.customers(), runId);
                Fixture fixture = Fixture.create(client(suite, token), runId, options.products(), options.customers(),
                        options.mixShare() > 0);

                RunLog log = new RunLog();
                List<StepReport> steps = new ArrayList<>();
                Map<String, Long> peakMemory;
                try (OrderTap tap = new OrderTap(suite.kafkaBootstrap(), options.hops());
                     ResourceMeter meter = new ResourceMeter(new ProcFs(),
                             found.stream().map(SuiteProcesses.Found::process).toList());
                     OrderPoster poster = new OrderPoster(suite.serviceUrls().get(0), token)) {
                    OrderSender sender = new OrderSender(poster,
                            new OrderFactory(fixture, options.mixShare(), runId.hashCode()), log);
                    StepRunner runner = new StepRunner(options, out, log, tap, meter, topics, database, limits);
                    if (!options.jitWarmup().isZero()) {
                        try (OpenLoop warm = new OpenLoop(sender, options.connections())) {
                            runner.warmJit(warm, found);
                        }
                    }
                    if (options.loop() == Loop.OPEN) {
                        try (OpenLoop open = new OpenLoop(sender, options.connections(), options.arrivals(),
                                options.seed())) {
                            for (BenchmarkOptions.Step planned : options.plan()) {
                                steps.add(runner.open(steps.size(), open, planned.rate(), planned.repeat()));
                            }
                        }
                    } else {
                        for (int repeat = 0; repeat < options.repeats(); repeat++) {
                            steps.add(runner.closed(steps.size(), new ClosedLoop(sender), repeat));
                        }
                    }
                    peakMemory = meter.peakMemory();
                    tap.failure().ifPresent(e -> out.println("WARNING: the order.events tap failed: " + e));
                }

                InvariantResult invariants = checkInvariants(client(suite, token), log.orderIds(), fixture);
                BenchmarkReport report = new BenchmarkReport(startedAt.toString(), Instant.now().toString(), command,
                        MachineInfo.read(loadBefore, MachineInfo.loadAverage()), suite.description() + "; " + profile,
                        durability,
                        found.stream().map(f -> new ProcessInfo(f.process().name(), f.process().pid(), f.commandLine()))
                                .toList(),
                        limits, steps, peakMemory, invariants, log.firstErrors(), RateSummary.of(steps));
                write(report, startedAt);
                return report;
            }
        }
    }

    /**
     * The run's access token, obtained once: the admin demo user, whose staff role may place orders for any of the
     * run's customers (a customer's token may only place its own).
     */
    private BearerToken login(Suite suite) {
        long begin = System.nanoTime();
        BearerToken token = BearerToken.forDemoUser(new TokenClient(suite.issuer()), BENCHMARK_USER);
        out.printf(Locale.ROOT, "Access token for '%s' from %s in %.0f ms (renewed before it expires at %s)%n",
                BENCHMARK_USER, suite.issuer(), (System.nanoTime() - begin) / 1e6, token.expiresAt());
        JwtCheckCost.Result check = JwtCheckCost.measure(suite.issuer(), token.get(), JWT_WARM_UP, JWT_CHECKS);
        out.printf(Locale.ROOT, "JWT check, what API security adds to each POST /orders (RS256 signature, lifetime, "
                + "issuer, audience; the services' decoder, a warm loop of %,d checks on one thread): "
                + "%.1f µs an order%n", check.checks(), check.microsPerCheck());
        return token;
    }

    private Suite openSuite() throws Exception {
        if (options.mode() == Mode.SELF_CONTAINED) {
            return LocalStackSuite.start(options.localStackJar(), options.serviceJvmOptions(), options.keepData(),
                    options.sagaOnly(), out);
        }
        AttachedSuite suite = new AttachedSuite(options.urls(), options.kafkaBootstrap(),
                new SuiteDatabase(options.postgresUrl(), options.postgresUser(), options.postgresPassword()));
        suite.verifyReady();
        return suite;
    }

    private void warnIfNotDurable(Map<String, String> durability) {
        if (!"on".equals(durability.get("fsync")) || !"on".equals(durability.get("synchronous_commit"))) {
            out.printf(Locale.ROOT, "WARNING: PostgreSQL runs with fsync=%s synchronous_commit=%s: a crash can lose"
                    + " committed transactions, so these figures are not those of a durable saga.%n",
                    durability.get("fsync"), durability.get("synchronous_commit"));
        }
    }

    private Limits measureLimits(Suite suite, SagaTopics topics) throws Exception {
        String producerTopic = "ordersaga.benchmark.producer-limit";
        String roundTripTopic = "ordersaga.benchmark.round-trip";
        out.printf(Locale.ROOT, "Limit 1/3: Kafka ProducerPerformance, %,d records of %d B, acks=all ...%n",
                PRODUCER_LIMIT_RECORDS, LIMIT_RECORD_SIZE);
        ProducerLimit.Result producer;
        try {
            topics.createScratch(producerTopic, topics.sagaPartitions());
            producer = ProducerLimit.measure(suite.kafkaBootstrap(), producerTopic, PRODUCER_LIMIT_RECORDS,
                    LIMIT_RECORD_SIZE);
        } finally {
            topics.deleteScratch(producerTopic);
        }
        out.printf(Locale.ROOT, "  %,.0f records/s (%.1f MB/s)%n", producer.recordsPerSecond(),
                producer.megabytesPerSecond());

        out.println("Limit 2/3: one-record produce->consume round trip, acks=all ...");
        Latencies roundTrip;
        try {
            topics.createScratch(roundTripTopic, 1);
            roundTrip = RoundTripLimit.measure(suite.kafkaBootstrap(), roundTripTopic, 300, 2000, LIMIT_RECORD_SIZE);
        } finally {
            topics.deleteScratch(roundTripTopic);
        }
        out.printf(Locale.ROOT, "  p50 %.2f ms, p99 %.2f ms%n", roundTrip.p50(), roundTrip.p99());

        out.printf(Locale.ROOT, "Limit 3/3: PostgreSQL update + outbox insert per transaction, %d threads ...%n",
                COMMIT_LIMIT_THREADS);
        SuiteDatabase db = suite.database();
        CommitLimit.Result commits = CommitLimit.measure(db.url(), db.user(), db.password(), COMMIT_LIMIT_THREADS,
                Duration.ofSeconds(3), Duration.ofSeconds(10), LIMIT_RECORD_SIZE);
        out.printf(Locale.ROOT, "  %,.0f commits/s%n", commits.commitsPerSecond());
        return new Limits(producer, roundTrip, commits);
    }

    /**
     * The suite's REST APIs called with the run's token for everything: its setup (products, accounts: staff's) and
     * the invariant checker's reads of any customer's orders and accounts (staff may read all; admin implies staff).
     */
    private static SagaClient client(Suite suite, BearerToken token) {
        return suite.client().withTokens(new SagaClient.Tokens() {
            @Override
            public String customer(String customerId) {
                return token.get();
            }

            @Override
            public String staff() {
                return token.get();
            }

            @Override
            public String admin() {
                return token.get();
            }
        });
    }

    private InvariantResult checkInvariants(SagaClient client, List<UUID> orderIds, Fixture fixture)
            throws InterruptedException {
        out.printf(Locale.ROOT, "Checking the saga invariants over %,d orders ...%n", orderIds.size());
        long start = System.nanoTime();
        List<String> violations = new InvariantChecker(client).check(orderIds, fixture.allSkus(),
                fixture.allCustomers(), INVARIANT_SETTLE);
        return new InvariantResult(orderIds.size(), fixture.allSkus().size(), fixture.allCustomers().size(),
                violations.isEmpty(), violations.subList(0, Math.min(MAX_VIOLATIONS_SHOWN, violations.size())),
                (System.nanoTime() - start) / 1e9);
    }

    private void write(BenchmarkReport report, Instant startedAt) throws Exception {
        out.println();
        out.print(ResultsTable.render(report));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt);
        Path json = options.outputDir().resolve("benchmark-" + stamp + ".json");
        ResultsJson.write(report, json);
        out.println("Results: " + json);
        if (report.steps().stream().anyMatch(s -> s.completedLatency().count() > 0)) {
            Path plot = options.plot() != null ? options.plot()
                    : options.outputDir().resolve("benchmark-" + stamp + ".png");
            BenchmarkReport.Machine m = report.machine();
            LatencyPlot.write(report.steps(), "ordersaga: POST -> COMPLETED latency vs throughput",
                    String.format(Locale.ROOT, "%s; %d cores, %s; everything on one machine; fsync=%s, acks=all; %s",
                            startedAt.truncatedTo(ChronoUnit.SECONDS), m.cores(), m.cpuModel(),
                            report.durability().get("fsync"), options.loop() == Loop.OPEN ? "open loop" : "closed loop"),
                    plot);
            out.println("Plot:    " + plot);
        }
    }

    /** Runs one measured step (with its warm-up) and analyses it. */
    static final class StepRunner {

        /** How long the JIT warm-up sends between two readings of the compile counts. */
        static final Duration JIT_ROUND = Duration.ofSeconds(20);

        private final BenchmarkOptions options;
        private final PrintStream out;
        private final RunLog log;
        private final OrderTap tap;
        private final ResourceMeter meter;
        private final SagaTopics topics;
        private final SuiteDatabase database;
        private final Limits limits;
        private boolean statementsMissingSaid;

        StepRunner(BenchmarkOptions options, PrintStream out, RunLog log, OrderTap tap, ResourceMeter meter,
                   SagaTopics topics, SuiteDatabase database, Limits limits) {
            this.options = options;
            this.out = out;
            this.log = log;
            this.tap = tap;
            this.meter = meter;
            this.topics = topics;
            this.database = database;
            this.limits = limits;
        }

        /**
         * The JIT warm-up: unmeasured orders at a rate a fresh stack keeps up with, in rounds of
         * {@link #JIT_ROUND}, until every service JVM compiles fewer than {@code --jit-quiet} methods a minute or
         * {@code --jit-warmup} has passed; then a wait until its orders have ended, so the first step starts on
         * compiled code and an empty saga. Its orders count as the first step's unmeasured ones (like a step's own
         * warm-up) and are in the invariant check.
         */
        void warmJit(OpenLoop open, List<SuiteProcesses.Found> found) throws Exception {
            Map<String, Long> jvms = new LinkedHashMap<>();
            found.stream().map(SuiteProcesses.Found::process)
                    .filter(p -> p.name().endsWith("-service") && !p.tree() && p.threads().isEmpty())
                    .forEach(p -> jvms.put(p.name(), p.pid()));
            out.printf(Locale.ROOT, "JIT warm-up: %d orders/s until the services compile fewer than %d methods a"
                    + " minute, at most %d s, not measured (a fresh JVM is several times slower; --jit-warmup 0"
                    + " skips it)%n", BenchmarkOptions.JIT_WARMUP_RATE, options.jitQuiet(),
                    options.jitWarmup().toSeconds());
            try (Progress progress = new Progress(out, "jit warm-up", log, tap, meter::coresInUse)) {
                long start = System.nanoTime();
                Map<String, Long> before = compilations(jvms);
                long beforeNanos = System.nanoTime();
                while (true) {
                    Duration left = options.jitWarmup().minusNanos(System.nanoTime() - start);
                    if (left.isNegative() || left.isZero()) {
                        out.println("  JIT warm-up: the cap (--jit-warmup) passed before the JIT was quiet");
                        break;
                    }
                    open.run(0, false, BenchmarkOptions.JIT_WARMUP_RATE, left.compareTo(JIT_ROUND) < 0 ? left : JIT_ROUND);
                    Map<String, Long> after = compilations(jvms);
                    double seconds = (System.nanoTime() - beforeNanos) / 1e9;
                    out.println("  JIT compilations a minute: " + describe(before, after, seconds));
                    if (!after.isEmpty() && JitCompilations.quiet(before, after, seconds, options.jitQuiet())) {
                        out.printf(Locale.ROOT, "  JIT warm-up: quiet after %.0f s%n",
                                (System.nanoTime() - start) / 1e9);
                        break;
                    }
                    before = after;
                    beforeNanos = System.nanoTime();
                }
                open.awaitAnswers(options.drainTimeout());
                awaitEnded(0);
            }
        }

        /** Each service JVM's compilations so far; those jcmd cannot read are left out. */
        private static Map<String, Long> compilations(Map<String, Long> jvms) {
            Map<String, Long> counts = new LinkedHashMap<>();
            jvms.forEach((name, pid) -> JitCompilations.total(pid).ifPresent(n -> counts.put(name, n)));
            return counts;
        }

        private static String describe(Map<String, Long> before, Map<String, Long> after, double seconds) {
            if (after.isEmpty()) {
                return "unreadable (jcmd PerfCounter.print answered nothing): warming for the whole cap";
            }
            List<String> parts = new ArrayList<>();
            after.forEach((name, count) -> parts.add(before.containsKey(name)
                    ? String.format(Locale.ROOT, "%s %.0f", name, JitCompilations.rate(before.get(name), count, seconds))
                    : name + " ?"));
            return String.join(", ", parts);
        }

        StepReport open(int step, OpenLoop open, int rate, int repeat) throws Exception {
            String label = "open " + rate + "/s" + (options.repeats() > 1 ? " #" + (repeat + 1) : "");
            out.printf(Locale.ROOT, "Step %d: open loop, %d orders/s (%s arrivals): %d s warm-up, then %d s"
                    + " measured%n", step + 1, rate, options.arrivals().name().toLowerCase(Locale.ROOT),
                    options.warmup().toSeconds(), options.duration().toSeconds());
            try (Progress progress = new Progress(out, label, log, tap, meter::coresInUse)) {
                if (!options.warmup().isZero()) {
                    open.run(step, false, rate, options.warmup());
                }
                Start start = start();
                Window window = open.run(step, true, rate, options.duration());
                open.awaitAnswers(options.drainTimeout());
                awaitEnded(step);
                return finish(label, rate, null, window, start, step, repeat);
            }
        }

        StepReport closed(int step, ClosedLoop closed, int repeat) throws Exception {
            String label = "closed " + options.clients() + "c" + (options.repeats() > 1 ? " #" + (repeat + 1) : "");
            out.printf(Locale.ROOT, "Step %d: closed loop, %d clients: %d s warm-up, then %,d orders measured%n",
                    step + 1, options.clients(), options.warmup().toSeconds(), options.orders());
            try (Progress progress = new Progress(out, label, log, tap, meter::coresInUse)) {
                if (!options.warmup().isZero()) {
                    closed.runFor(step, false, options.clients(), options.warmup());
                    awaitEnded(step);
                }
                Start start = start();
                Window window = closed.run(step, true, options.clients(), options.orders());
                awaitEnded(step);
                return finish(label, null, options.clients(), window, start, step, repeat);
            }
        }

        private record Start(long micros, ResourceMeter.CpuSnapshot cpu, long records, SuiteDatabase.WalCounters wal,
                             SuiteDatabase.StatementCounters statements) {
        }

        private Start start() {
            return new Start(WallClock.nowMicros(), meter.snapshot(), sagaRecords(), wal(), statements());
        }

        private StepReport finish(String label, Integer rate, Integer clients, Window window, Start start, int step,
                                  int repeat)
                throws InterruptedException {
            ResourceMeter.CpuSnapshot cpuEnd = meter.snapshot();
            long endMicros = WallClock.nowMicros();
            long records = sagaRecords();
            Thread.sleep(1500); // backends publish their WAL counts at most once a second
            SuiteDatabase.WalCounters wal = wal();
            SuiteDatabase.StatementCounters statements = statements();
            // One reading of the log for both counts, so an answer landing in between cannot count twice.
            RunLog.StepCount count = log.measured(step);
            StepAnalysis.Measurement measurement = new StepAnalysis.Measurement(label, rate, clients, window.seconds(),
                    count.accepted(), count.refused(), log.orders(), start.micros(), endMicros,
                    cpuEnd.minus(start.cpu()), start.records() < 0 || records < 0 ? -1 : records - start.records(),
                    wal.minus(start.wal()), cpuEnd.machineSince(start.cpu()), repeat, window.scheduled(),
                    start.statements() == null || statements == null ? null : statements.minus(start.statements()));
            StepReport report = StepAnalysis.analyse(measurement, tap::order, limits);
            out.print(ResultsTable.stepSummary(report));
            return report;
        }

        /** Waits until every order of the step has ended, or the drain timeout passes. */
        private void awaitEnded(int step) throws InterruptedException {
            List<PlacedOrder> pending = new ArrayList<>(log.ordersOf(step));
            long deadline = System.nanoTime() + options.drainTimeout().toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                pending.removeIf(o -> tap.order(o.orderId()).map(OrderEvents.SagaTimes::hasEnded).orElse(false));
                if (!pending.isEmpty()) {
                    Thread.sleep(100);
                }
            }
        }

        private long sagaRecords() {
            try {
                return topics.sagaRecords();
            } catch (Exception e) {
                return -1;
            }
        }

        private SuiteDatabase.WalCounters wal() {
            try {
                return database.wal();
            } catch (Exception e) {
                return SuiteDatabase.WalCounters.UNKNOWN;
            }
        }

        /** {@code pg_stat_statements} now; {@code null}, said once, where the server does not have it. */
        private SuiteDatabase.StatementCounters statements() {
            try {
                return database.statements();
            } catch (Exception e) {
                if (!statementsMissingSaid) {
                    statementsMissingSaid = true;
                    out.println("pg_stat_statements not available: statement attribution skipped (" + e.getMessage()
                            + ")");
                }
                return null;
            }
        }
    }
}
