package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.report.BenchmarkReport.Limits;
import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The report as text: a header with the machine and its limits, then one column per measured step. */
public final class ResultsTable {

    private static final int LABEL_WIDTH = 44;
    private static final int COLUMN_WIDTH = 16;
    private static final String TIMED_OUT = "TIMED_OUT";
    /** How many statements the line after a step names; the table at the end names all the step reports. */
    private static final int STEP_STATEMENTS = 3;

    private ResultsTable() {
    }

    /**
     * The console's line after a step; when POSTs were refused (the suite shedding load) or the saga deadline
     * cancelled orders of the step (TIMED_OUT), more lines say what that means, since a table of refused or cancelled
     * orders without a completed latency reads like a fault.
     */
    public static String stepSummary(StepReport step) {
        String completed = step.completed() == 0 ? "none completed"
                : String.format(Locale.ROOT, "POST->COMPLETED p50 %.1f ms p99 %.1f ms", step.completedLatency().p50(),
                        step.completedLatency().p99());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  -> %s: %,.1f orders/s ended, %s, %,d never"
                + " finished, CPU %.2f ms/order (machine %s ms, %s cores busy)%n", step.label(), step.throughput(),
                completed, step.unfinished(), step.cpuPerOrderMs(), number(machine(step).perOrderMs(), 2),
                number(machine(step).cores(), 2)));
        if (step.unanswered() > 0) {
            out.append(String.format(Locale.ROOT, "     %,d of the %,d POSTs scheduled had no answer when the drain"
                    + " timeout passed; they are neither placed nor refused here.%n", step.unanswered(),
                    step.scheduled()));
        }
        overload(step).forEach(note -> out.append("     ").append(note).append('\n'));
        statements(out, "     ", step.statements(), STEP_STATEMENTS, true);
        return out.toString();
    }

    /**
     * A step's PostgreSQL statements: the totals per order ({@code totals}; the end table has them as rows already),
     * then the {@code top} with the most execution time, one line each; nothing when they are unknown.
     */
    private static void statements(StringBuilder out, String indent, BenchmarkReport.Statements statements, int top,
                                   boolean totals) {
        if (statements == null) {
            return;
        }
        if (totals) {
            out.append(String.format(Locale.ROOT, "%sPostgreSQL per order: %s statements, %s ms executing"
                    + " (pg_stat_statements)%n", indent, number(statements.callsPerOrder(), 1),
                    number(statements.execMsPerOrder(), 2)));
        }
        if (statements.top().isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "%s%9s %6s %11s %9s  %-18s %s%n", indent, "ms/order", "share",
                "calls/order", "rows/call", "database", "statement"));
        statements.top().stream().limit(top).forEach(t -> out.append(String.format(Locale.ROOT,
                "%s%9s %6s %11s %9s  %-18s %s%n", indent, number(t.execMsPerOrder(), 3), percent(t.share()),
                number(t.callsPerOrder(), 2), number(t.rowsPerCall(), 1), t.database(), t.query())));
    }

    /** Why a step's POSTs were refused or its orders cancelled at the saga deadline, if any were. */
    static List<String> overload(StepReport step) {
        List<String> notes = new ArrayList<>();
        String offered = step.rate() == null ? "the load offered" : step.rate() + " orders/s offered";
        if (step.refused() > 0) {
            notes.add(String.format(Locale.ROOT, "%,d POSTs were refused and %,d accepted against %s. Refusals"
                    + " answered 503 \"Saga backlog full\" (the first ones are listed under the table) mean that"
                    + " ordersaga.saga.max-in-flight sagas were in flight: the suite shed load, and the latencies are"
                    + " those of the orders it accepted.", step.refused(), step.placed(), offered));
        }
        long timedOut = step.cancelledByReason() == null ? 0 : step.cancelledByReason().getOrDefault(TIMED_OUT, 0L);
        if (timedOut > 0) {
            notes.add(String.format(Locale.ROOT, "%,d of %,d orders were cancelled at the saga deadline"
                    + " (TIMED_OUT): the suite ended %,.1f orders/s against %s, so the backlog outgrew the deadline."
                    + " This machine is past its capacity here; a lower --rate or a --sweep shows where it holds.",
                    timedOut, step.placed(), step.throughput(), offered));
        }
        return notes;
    }

    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        String rule = "=".repeat(LABEL_WIDTH + COLUMN_WIDTH * Math.max(1, report.steps().size()));
        out.append(rule).append('\n');
        BenchmarkReport.Machine m = report.machine();
        out.append(String.format(Locale.ROOT, "Machine     %d cores (%s), %.1f GiB, %s, %s%n", m.cores(), m.cpuModel(),
                m.memoryBytes() / (1024.0 * 1024 * 1024), m.os(), m.jvm()));
        out.append(String.format(Locale.ROOT, "            load average %.2f before the run, %.2f after%n",
                m.loadAverageBefore(), m.loadAverageAfter()));
        out.append("Suite       ").append(report.suite()).append('\n');
        out.append("Durability  ").append(durability(report.durability())).append('\n');
        out.append(limits(report.limits()));
        out.append('\n');

        List<StepReport> steps = report.steps();
        row(out, "", steps, StepReport::label);
        row(out, "orders placed / refused", steps, s -> count(s.placed()) + " / " + count(s.refused()));
        if (steps.stream().anyMatch(s -> s.unanswered() != 0)) {
            row(out, "POSTs unanswered at the drain timeout", steps, s -> count(s.unanswered()));
        }
        row(out, "completed / cancelled", steps, s -> count(s.completed()) + " / " + count(s.cancelled()));
        row(out, "never finished", steps, s -> count(s.unfinished()));
        row(out, "ended otherwise than planned", steps, s -> count(s.unexpected()));
        row(out, "throughput, orders ended/s", steps, s -> number(s.throughput(), 1));
        latencyRows(out, "POST->COMPLETED ms", steps, StepReport::completedLatency);
        row(out, "POST->CANCELLED ms p50 / p99", steps, s -> pair(s.cancelledLatency()));
        row(out, "saga only (OrderPlaced->Completed) p50/p99", steps, s -> pair(s.sagaLatency()));
        row(out, "POST answered ms p50 / p99", steps, s -> pair(s.answerLatency()));
        hopRows(out, steps);
        row(out, "CPU per order, suite, ms", steps, s -> number(s.cpuPerOrderMs(), 2));
        row(out, "CPU per order, with load generator, ms", steps, s -> number(s.cpuPerOrderMsWithLoadGenerator(), 2));
        row(out, "suite CPU, cores busy", steps, s -> number(s.suiteCores(), 2));
        row(out, "machine CPU (/proc/stat), cores busy", steps, s -> number(machine(s).cores(), 2));
        row(out, "machine CPU per order, ms", steps, s -> number(machine(s).perOrderMs(), 2));
        row(out, "saga records per order", steps, s -> number(s.sagaRecordsPerOrder(), 1));
        row(out, "PostgreSQL WAL syncs per order", steps, s -> number(wal(s).syncs(), 2));
        row(out, "PostgreSQL WAL writes per order", steps, s -> number(wal(s).writes(), 2));
        row(out, "PostgreSQL WAL records per order", steps, s -> number(wal(s).records(), 1));
        row(out, "PostgreSQL WAL kB per order", steps, s -> number(wal(s).bytes() / 1024, 1));
        row(out, "PostgreSQL statements per order", steps,
                s -> s.statements() == null ? "-" : number(s.statements().callsPerOrder(), 1));
        row(out, "PostgreSQL executing, ms per order", steps,
                s -> s.statements() == null ? "-" : number(s.statements().execMsPerOrder(), 2));
        row(out, "saga records/s vs producer limit", steps, s -> percent(s.ratios().sagaRecordsVsProducer()));
        row(out, "WAL syncs/s vs commit limit", steps, s -> percent(s.ratios().walSyncsVsCommitLimit()));
        row(out, "orders/s vs commit limit", steps, s -> percent(s.ratios().ordersVsCommitLimit()));
        row(out, "p50 latency vs round trip p50", steps, s -> times(s.ratios().p50VsRoundTrip()));
        row(out, "p99 latency vs round trip p99", steps, s -> times(s.ratios().p99VsRoundTrip()));
        steps.forEach(s -> overload(s).forEach(note -> out.append('\n').append(s.label()).append(": ")
                .append(note).append('\n')));

        summaries(out, report.summaries());

        out.append('\n').append("CPU seconds per process").append('\n');
        Set<String> names = new LinkedHashSet<>();
        steps.forEach(s -> names.addAll(s.cpuSeconds().keySet()));
        for (String name : names) {
            row(out, "  " + name, steps, s -> number(s.cpuSeconds().getOrDefault(name, Double.NaN), 1));
        }
        row(out, "  unattributed (machine minus the above)", steps, s -> number(machine(s).unattributedSeconds(), 1));
        row(out, "  machine, all processes (/proc/stat)", steps, s -> number(machine(s).busySeconds(), 1));
        if (steps.stream().anyMatch(s -> s.statements() != null)) {
            out.append('\n').append("PostgreSQL statements with the most execution time (pg_stat_statements, all"
                    + " databases; per order that ended; a commit's WAL flush wait is not in it)\n");
            steps.stream().filter(s -> s.statements() != null).forEach(s -> {
                out.append(s.label()).append('\n');
                statements(out, "  ", s.statements(), Integer.MAX_VALUE, false);
            });
        }
        out.append('\n').append("Peak memory (MiB; JVMs: peak RSS, PostgreSQL: summed PSS of all its processes)\n");
        for (Map.Entry<String, Long> peak : report.peakMemoryBytes().entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-" + (LABEL_WIDTH - 2) + "s%" + COLUMN_WIDTH + "s%n",
                    peak.getKey(), peak.getValue() < 0 ? "n/a" : number(peak.getValue() / (1024.0 * 1024), 0)));
        }
        if (!report.refusals().isEmpty()) {
            out.append('\n').append("First refused POSTs\n");
            report.refusals().forEach(r -> out.append("  ").append(r).append('\n'));
        }
        BenchmarkReport.InvariantResult inv = report.invariants();
        out.append('\n');
        if (inv == null) {
            out.append("Invariants  not checked\n");
        } else {
            out.append(String.format(Locale.ROOT, "Invariants  %s over %,d orders, %,d products, %,d accounts"
                    + " (checked in %.0f s)%n", inv.hold() ? "HOLD" : "VIOLATED", inv.orders(), inv.skus(),
                    inv.accounts(), inv.seconds()));
            inv.violations().forEach(v -> out.append("  ").append(v).append('\n'));
        }
        out.append(rule).append('\n');
        return out.toString();
    }

    /** With repeats: each load's figures as min / median / max over its repeats. */
    private static void summaries(StringBuilder out, List<RateSummary> summaries) {
        if (summaries == null || summaries.stream().allMatch(r -> r.repeats() < 2)) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"min / median / max", "repeats", "orders ended/s", "POST->COMPLETED p50 ms",
                "POST->COMPLETED p99 ms", "CPU per order ms"});
        for (RateSummary r : summaries) {
            rows.add(new String[] {r.load(), Integer.toString(r.repeats()), spread(r.throughput(), 1),
                    spread(r.p50(), 1), spread(r.p99(), 1), spread(r.cpuPerOrderMs(), 2)});
        }
        // Each column as wide as its widest cell, and two spaces between columns: a spread such as
        // "10,534.9 / 11,677.7 / 12,820.5" must never run into its neighbour.
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.append('\n');
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = c == 1 ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                line.append(cell).append(c < row.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String spread(RateSummary.Spread spread, int decimals) {
        return number(spread.min(), decimals) + " / " + number(spread.median(), decimals) + " / "
                + number(spread.max(), decimals);
    }

    private static BenchmarkReport.MachineCpu machine(StepReport step) {
        return step.machineCpu() != null ? step.machineCpu()
                : new BenchmarkReport.MachineCpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static BenchmarkReport.Wal wal(StepReport step) {
        return step.walPerOrder() != null ? step.walPerOrder() : BenchmarkReport.Wal.UNKNOWN;
    }

    private static String durability(Map<String, String> d) {
        return String.format(Locale.ROOT, "PostgreSQL fsync=%s synchronous_commit=%s full_page_writes=%s"
                        + " wal_sync_method=%s; Kafka producers %s",
                d.getOrDefault("fsync", "?"), d.getOrDefault("synchronous_commit", "?"),
                d.getOrDefault("full_page_writes", "?"), d.getOrDefault("wal_sync_method", "?"),
                d.getOrDefault("kafka_producer", "?"));
    }

    private static String limits(Limits limits) {
        if (limits == null) {
            return "Limits      not measured (--no-limits): no ratios\n";
        }
        StringBuilder out = new StringBuilder();
        if (limits.producer() != null) {
            out.append(String.format(Locale.ROOT, "Limits      Kafka producer, acks=all, %d B records (ProducerPerformance):"
                            + " %,.0f records/s, %.1f MB/s, ack latency p50 %d ms, p99 %d ms%n",
                    limits.producer().recordSize(), limits.producer().recordsPerSecond(),
                    limits.producer().megabytesPerSecond(), limits.producer().latencyP50Ms(),
                    limits.producer().latencyP99Ms()));
        }
        if (limits.roundTrip() != null) {
            out.append(String.format(Locale.ROOT, "            Kafka one-record produce->consume round trip:"
                    + " p50 %.2f ms, p99 %.2f ms (%d samples)%n", limits.roundTrip().p50(), limits.roundTrip().p99(),
                    limits.roundTrip().count()));
        }
        if (limits.commits() != null) {
            out.append(String.format(Locale.ROOT, "            PostgreSQL update + outbox insert, commit per"
                            + " transaction, %d threads: %,.0f commits/s%n", limits.commits().threads(),
                    limits.commits().commitsPerSecond()));
        }
        return out.toString();
    }

    private static void latencyRows(StringBuilder out, String label, List<StepReport> steps,
                                    Function<StepReport, Latencies> latency) {
        row(out, label + " p50", steps, s -> number(latency.apply(s).p50(), 1));
        row(out, label + " p95", steps, s -> number(latency.apply(s).p95(), 1));
        row(out, label + " p99", steps, s -> number(latency.apply(s).p99(), 1));
        row(out, label + " max", steps, s -> number(latency.apply(s).max(), 1));
    }

    private static void row(StringBuilder out, String label, List<StepReport> steps, Function<StepReport, String> cell) {
        List<String> cells = new ArrayList<>();
        for (StepReport step : steps) {
            cells.add(cell.apply(step));
        }
        out.append(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", label));
        for (String c : cells) {
            // At least one space between cells, also when a cell is wider than its column.
            out.append(' ').append(String.format(Locale.ROOT, "%" + (COLUMN_WIDTH - 1) + "s", c));
        }
        out.append('\n');
    }

    /** With {@code --hops}: each hop's p50 / p95, relay (publish -> sent) and consume (sent -> next publish). */
    private static void hopRows(StringBuilder out, List<StepReport> steps) {
        Set<String> hops = new LinkedHashSet<>();
        steps.stream().filter(s -> s.hops() != null).forEach(s -> hops.addAll(s.hops().keySet()));
        if (hops.isEmpty()) {
            return;
        }
        out.append("hops of completed orders, ms p50 / p95\n");
        for (String hop : hops) {
            row(out, "  " + hop, steps, s -> s.hops() == null || !s.hops().containsKey(hop) ? "-"
                    : p50p95(s.hops().get(hop)));
        }
    }

    private static String p50p95(Latencies latencies) {
        return latencies.count() == 0 ? "-" : number(latencies.p50(), 1) + " / " + number(latencies.p95(), 1);
    }

    private static String pair(Latencies latencies) {
        return latencies.count() == 0 ? "-" : number(latencies.p50(), 1) + " / " + number(latencies.p99(), 1);
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(Double share) {
        return share == null || share.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String times(Double factor) {
        return factor == null || factor.isNaN() ? "-" : String.format(Locale.ROOT, "%.1fx", factor);
    }
}
