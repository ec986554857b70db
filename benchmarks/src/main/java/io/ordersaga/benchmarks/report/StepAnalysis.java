package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.load.OrderEvents;
import io.ordersaga.benchmarks.load.OrderEvents.SagaTimes;
import io.ordersaga.benchmarks.load.OrderKind;
import io.ordersaga.benchmarks.load.RunLog.PlacedOrder;
import io.ordersaga.benchmarks.report.BenchmarkReport.Limits;
import io.ordersaga.benchmarks.report.BenchmarkReport.MachineCpu;
import io.ordersaga.benchmarks.report.BenchmarkReport.Ratios;
import io.ordersaga.benchmarks.report.BenchmarkReport.StatementTime;
import io.ordersaga.benchmarks.report.BenchmarkReport.Statements;
import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import io.ordersaga.benchmarks.report.BenchmarkReport.Wal;
import io.ordersaga.benchmarks.suite.SuiteDatabase.StatementCounter;
import io.ordersaga.benchmarks.suite.SuiteDatabase.WalCounters;
import io.ordersaga.benchmarks.suite.SuiteProcesses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** Turns what a step recorded (orders, event times, CPU, counters) into its figures. */
public final class StepAnalysis {

    /** How many statements a step reports by name. */
    static final int TOP_STATEMENTS = 8;
    static final int QUERY_LENGTH = 120;

    /**
     * The raw measurements of one step.
     *
     * @param measured the step's measured orders (not its warm-up)
     * @param refused its measured POSTs that failed
     * @param all every order of the run so far, to count those that ended inside the metering window
     * @param windowStartMicros when CPU and counters were first read (the first measured send)
     * @param windowEndMicros when they were read again (after the step's orders ended, or the drain timed out)
     * @param cpuSeconds CPU used per process inside the window
     * @param sagaRecords records produced on the saga topics inside the window, or -1 when unknown
     * @param wal PostgreSQL's WAL counters inside the window
     * @param machineCpuSeconds the machine's busy CPU seconds inside the window, {@code NaN} when unknown
     * @param repeat which repeat of its rate the step is
     * @param scheduled measured orders the step was to send, -1 when the loop sends until answered (closed)
     * @param statements what each PostgreSQL statement did inside the window, {@code null} when unknown
     */
    public record Measurement(String label, Integer rate, Integer clients, double sendSeconds,
                              List<PlacedOrder> measured, long refused, List<PlacedOrder> all,
                              long windowStartMicros, long windowEndMicros, Map<String, Double> cpuSeconds,
                              long sagaRecords, WalCounters wal, double machineCpuSeconds, int repeat,
                              long scheduled, List<StatementCounter> statements) {
    }

    private StepAnalysis() {
    }

    public static StepReport analyse(Measurement m, Function<UUID, Optional<SagaTimes>> tap, Limits limits) {
        long completed = 0;
        long cancelled = 0;
        long unfinished = 0;
        long unexpected = 0;
        Map<String, Long> reasons = new TreeMap<>();
        long[] completedMicros = new long[m.measured().size()];
        long[] cancelledMicros = new long[m.measured().size()];
        long[] sagaMicros = new long[m.measured().size()];
        long[] answerMicros = new long[m.measured().size()];
        int nc = 0;
        int nx = 0;
        int ns = 0;
        int na = 0;
        List<OrderEvents.Hops> hops = new ArrayList<>();
        long firstSend = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (PlacedOrder order : m.measured()) {
            firstSend = Math.min(firstSend, order.intendedMicros());
            answerMicros[na++] = order.acceptedMicros() - order.intendedMicros();
            Optional<SagaTimes> seen = tap.apply(order.orderId());
            if (seen.isEmpty() || !seen.get().hasEnded()) {
                unfinished++;
                continue;
            }
            SagaTimes times = seen.get();
            lastEnd = Math.max(lastEnd, times.endedMicros());
            long latency = Math.max(0, times.endedMicros() - order.intendedMicros());
            if (!matches(order.kind(), times)) {
                unexpected++;
            }
            if (times.status().equals("COMPLETED")) {
                completed++;
                completedMicros[nc++] = latency;
                if (times.placedMicros() > 0) {
                    sagaMicros[ns++] = Math.max(0, times.endedMicros() - times.placedMicros());
                }
                times.hops().ifPresent(hops::add);
            } else {
                cancelled++;
                cancelledMicros[nx++] = latency;
                reasons.merge(times.reason(), 1L, Long::sum);
            }
        }
        long ended = completed + cancelled;
        double throughput = ended == 0 || lastEnd <= firstSend ? 0 : ended / ((lastEnd - firstSend) / 1e6);

        long endedInWindow = m.all().stream().map(o -> tap.apply(o.orderId()))
                .filter(t -> t.isPresent() && t.get().hasEnded())
                .mapToLong(t -> t.get().endedMicros())
                .filter(t -> t >= m.windowStartMicros() && t <= m.windowEndMicros())
                .count();
        double windowSeconds = (m.windowEndMicros() - m.windowStartMicros()) / 1e6;
        double suiteCpu = m.cpuSeconds().entrySet().stream()
                .filter(e -> !e.getKey().equals(SuiteProcesses.LOAD_GENERATOR))
                .mapToDouble(Map.Entry::getValue).sum();
        double allCpu = m.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        double cpuPerOrder = endedInWindow == 0 ? Double.NaN : suiteCpu * 1000 / endedInWindow;
        double cpuPerOrderAll = endedInWindow == 0 ? Double.NaN : allCpu * 1000 / endedInWindow;
        double recordsPerOrder = m.sagaRecords() < 0 || endedInWindow == 0 ? Double.NaN
                : (double) m.sagaRecords() / endedInWindow;
        Wal wal = new Wal(perOrder(m.wal().records(), endedInWindow), perOrder(m.wal().bytes(), endedInWindow),
                perOrder(m.wal().writes(), endedInWindow), perOrder(m.wal().syncs(), endedInWindow));
        MachineCpu machine = new MachineCpu(m.machineCpuSeconds(), allCpu, m.machineCpuSeconds() - allCpu,
                windowSeconds > 0 ? m.machineCpuSeconds() / windowSeconds : Double.NaN,
                endedInWindow == 0 ? Double.NaN : m.machineCpuSeconds() * 1000 / endedInWindow);
        // An accepted POST is in measured, a refused one in refused; the rest were not answered in time.
        long unanswered = m.scheduled() < 0 ? 0 : m.scheduled() - m.measured().size() - m.refused();

        Latencies completedLatency = Latencies.ofMicros(Arrays.copyOf(completedMicros, nc));
        Ratios ratios = ratios(limits, windowSeconds, m.sagaRecords(), m.wal().syncs(), throughput, completedLatency);
        return new StepReport(m.label(), m.rate(), m.clients(), m.sendSeconds(), m.measured().size(), m.refused(),
                completed, cancelled, reasons, unfinished, unexpected, throughput, completedLatency,
                Latencies.ofMicros(Arrays.copyOf(cancelledMicros, nx)), Latencies.ofMicros(Arrays.copyOf(sagaMicros, ns)),
                Latencies.ofMicros(Arrays.copyOf(answerMicros, na)), windowSeconds, endedInWindow, m.cpuSeconds(),
                suiteCpu, windowSeconds > 0 ? suiteCpu / windowSeconds : Double.NaN, cpuPerOrder, cpuPerOrderAll,
                recordsPerOrder, wal, ratios, hops(hops), m.repeat(), m.scheduled(), unanswered, machine,
                statements(m.statements(), endedInWindow));
    }

    /**
     * The statements of a window per order that ended in it, and the {@link #TOP_STATEMENTS} with the most execution
     * time; {@code null} when they are unknown.
     */
    static Statements statements(List<StatementCounter> used, long orders) {
        if (used == null) {
            return null;
        }
        double execMs = used.stream().mapToDouble(StatementCounter::execMs).sum();
        List<StatementTime> top = used.stream()
                .sorted(Comparator.comparingDouble(StatementCounter::execMs).reversed())
                .limit(TOP_STATEMENTS)
                .map(s -> new StatementTime(s.database(), shorten(s.query()), perOrder(s.calls(), orders),
                        orders == 0 ? Double.NaN : s.execMs() / orders, execMs > 0 ? s.execMs() / execMs : Double.NaN,
                        (double) s.rows() / s.calls()))
                .toList();
        return new Statements(perOrder(used.stream().mapToLong(StatementCounter::calls).sum(), orders),
                orders == 0 ? Double.NaN : execMs / orders, top);
    }

    /** A query on one line, whitespace collapsed, cut to {@link #QUERY_LENGTH} characters. */
    static String shorten(String query) {
        String line = query == null ? "" : query.strip().replaceAll("\\s+", " ");
        return line.length() <= QUERY_LENGTH ? line : line.substring(0, QUERY_LENGTH - 1) + "…";
    }

    private static double perOrder(long count, long orders) {
        return count < 0 || orders == 0 ? Double.NaN : (double) count / orders;
    }

    /** Each hop's latencies over the completed orders whose every hop was seen; {@code null} when none was. */
    static Map<String, Latencies> hops(List<OrderEvents.Hops> hops) {
        if (hops.isEmpty()) {
            return null;
        }
        Map<String, Latencies> byHop = new LinkedHashMap<>();
        List<String> chain = OrderEvents.CHAIN;
        for (int i = 0; i < chain.size(); i++) {
            int step = i;
            byHop.put("relay " + chain.get(i), Latencies.ofMicros(hops.stream().mapToLong(h -> h.relay()[step])
                    .toArray()));
            if (i + 1 < chain.size()) {
                byHop.put("consume " + chain.get(i), Latencies.ofMicros(hops.stream()
                        .mapToLong(h -> h.consume()[step]).toArray()));
            }
        }
        return byHop;
    }

    static boolean matches(OrderKind kind, SagaTimes times) {
        return kind.expectedStatus().equals(times.status())
                && (kind.expectedReason() == null || kind.expectedReason().equals(times.reason()));
    }

    static Ratios ratios(Limits limits, double windowSeconds, long sagaRecords, long walSyncs, double throughput,
                         Latencies latency) {
        if (limits == null) {
            return new Ratios(null, null, null, null, null);
        }
        Double records = limits.producer() == null || sagaRecords < 0 || windowSeconds <= 0 ? null
                : sagaRecords / windowSeconds / limits.producer().recordsPerSecond();
        Double syncShare = limits.commits() == null || walSyncs < 0 || windowSeconds <= 0 ? null
                : walSyncs / windowSeconds / limits.commits().commitsPerSecond();
        Double orders = limits.commits() == null ? null : throughput / limits.commits().commitsPerSecond();
        Double p50 = limits.roundTrip() == null || latency.count() == 0 ? null : latency.p50() / limits.roundTrip().p50();
        Double p99 = limits.roundTrip() == null || latency.count() == 0 ? null : latency.p99() / limits.roundTrip().p99();
        return new Ratios(records, syncShare, orders, p50, p99);
    }
}
