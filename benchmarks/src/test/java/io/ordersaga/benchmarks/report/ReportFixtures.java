package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.limits.CommitLimit;
import io.ordersaga.benchmarks.limits.ProducerLimit;
import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plausible report of a three-step sweep, for the renderers' tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static StepReport step(int rate, double throughput, double p50, double p99) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka broker", 3.0);
        cpu.put("order-service", 6.0);
        cpu.put("load generator", 1.5);
        return new StepReport("open " + rate + "/s", rate, null, 60, rate * 60L, 0, rate * 60L, 0, Map.of(), 0, 0,
                throughput, new Latencies(rate * 60, p50, p50 * 1.5, p99, p99 * 1.2, p99 * 2, p50 * 1.1),
                Latencies.NONE, new Latencies(rate * 60, p50 - 2, p50, p99 - 2, p99, p99, p50), Latencies.NONE, 60.5,
                rate * 60L, cpu, 9.0, 0.15, 9000.0 / (rate * 60), 10500.0 / (rate * 60), 5.0,
                new BenchmarkReport.Wal(30, 12_288, 2.5, 1.5), new BenchmarkReport.Ratios(0.01, 0.2, 0.04, p50 / 1.2,
                p99 / 4.0), null, 0, rate * 60L, 0, new BenchmarkReport.MachineCpu(12.0, 10.5, 1.5, 0.2,
                12000.0 / (rate * 60)), new BenchmarkReport.Statements(14.0, 2.5, List.of(
                new BenchmarkReport.StatementTime("order_service", "COMMIT", 3.0, 0.9, 0.36, 0.0),
                new BenchmarkReport.StatementTime("inventory_service",
                        "UPDATE stock SET reserved = reserved + $1 WHERE sku = $2", 1.0, 0.4, 0.16, 1.0))));
    }

    /** {@code step} as a run that followed hops would have it. */
    static StepReport withHops(StepReport step, Map<String, Latencies> hops) {
        return ended(step, step.placed(), step.refused(), step.completed(), step.cancelled(),
                step.cancelledByReason(), step.unexpected(), step.throughput(), hops);
    }

    /** {@code step} as if the saga deadline had cancelled every one of its orders while it ended {@code throughput}. */
    static StepReport allTimedOut(StepReport step, double throughput) {
        return ended(step, step.placed(), step.refused(), 0, step.placed(), Map.of("TIMED_OUT", step.placed()),
                step.placed(), throughput, null);
    }

    /** {@code step} as if the suite had refused {@code refused} of its POSTs and completed the rest. */
    static StepReport shedding(StepReport step, long refused) {
        long accepted = step.placed() - refused;
        return ended(step, accepted, refused, accepted, 0, Map.of(), 0, step.throughput(), null);
    }

    private static StepReport ended(StepReport s, long placed, long refused, long completed, long cancelled,
                                    Map<String, Long> byReason, long unexpected, double throughput,
                                    Map<String, Latencies> hops) {
        return new StepReport(s.label(), s.rate(), s.clients(), s.sendSeconds(), placed, refused, completed,
                cancelled, byReason, s.unfinished(), unexpected, throughput, s.completedLatency(),
                s.cancelledLatency(), s.sagaLatency(), s.answerLatency(), s.windowSeconds(), s.endedInWindow(),
                s.cpuSeconds(), s.suiteCpuSeconds(), s.suiteCores(), s.cpuPerOrderMs(),
                s.cpuPerOrderMsWithLoadGenerator(), s.sagaRecordsPerOrder(), s.walPerOrder(), s.ratios(), hops,
                s.repeat(), s.scheduled(), s.unanswered(), s.machineCpu(), s.statements());
    }

    /** {@code step} under another label, e.g. as a repeat ("open 20/s #2"). */
    static StepReport relabel(StepReport s, String label) {
        return new StepReport(label, s.rate(), s.clients(), s.sendSeconds(), s.placed(), s.refused(), s.completed(),
                s.cancelled(), s.cancelledByReason(), s.unfinished(), s.unexpected(), s.throughput(),
                s.completedLatency(), s.cancelledLatency(), s.sagaLatency(), s.answerLatency(), s.windowSeconds(),
                s.endedInWindow(), s.cpuSeconds(), s.suiteCpuSeconds(), s.suiteCores(), s.cpuPerOrderMs(),
                s.cpuPerOrderMsWithLoadGenerator(), s.sagaRecordsPerOrder(), s.walPerOrder(), s.ratios(), s.hops(),
                s.repeat(), s.scheduled(), s.unanswered(), s.machineCpu(), s.statements());
    }

    /** {@code report} with other steps. */
    static BenchmarkReport withSteps(BenchmarkReport r, List<StepReport> steps) {
        return new BenchmarkReport(r.startedAt(), r.finishedAt(), r.command(), r.machine(), r.suite(), r.durability(),
                r.processes(), r.limits(), steps, r.peakMemoryBytes(), r.invariants(), r.refusals(),
                RateSummary.of(steps));
    }

    private static final List<StepReport> STEPS = List.of(step(100, 99.9, 8.0, 20.0), step(200, 199.8, 9.5, 31.0),
            step(400, 371.0, 60.0, 900.0));

    static BenchmarkReport report() {
        return new BenchmarkReport("2026-01-31T10:00:00Z", "2026-01-31T10:05:00Z", "--sweep 100,200,400",
                new BenchmarkReport.Machine(2, "AMD EPYC", 24L << 30, "Linux 6.1 amd64", "OpenJDK 17", 0.4, 1.9),
                "self-contained", Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on",
                "wal_sync_method", "fdatasync", "kafka_producer", "acks=all"),
                List.of(new BenchmarkReport.ProcessInfo("order-service", 42, "java -jar order-service-exec.jar")),
                new BenchmarkReport.Limits(new ProducerLimit.Result(500_000, 512, 120_000, 58.6, 200, 150, 400, "cmd"),
                        new Latencies(2000, 1.2, 2.0, 3.4, 6.0, 9.0, 1.4), new CommitLimit.Result(60_000, 10, 4, 6_000)),
                STEPS, Map.of("order-service", 300L << 20), new BenchmarkReport.InvariantResult(42_000, 101, 510, true,
                List.of(), 12.0), List.of(), RateSummary.of(STEPS));
    }
}
