package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.limits.CommitLimit;
import io.ordersaga.benchmarks.limits.ProducerLimit;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured; written as JSON, printed as a table.
 *
 * @param command the benchmark's arguments
 * @param suite how the suite was found or started
 * @param durability PostgreSQL's durability settings as the server reports them, and the producers' acks
 * @param processes the metered processes and their command lines (JVM flags included)
 * @param limits the machine's own limits, or {@code null} when skipped
 * @param steps one entry per measured step
 * @param peakMemoryBytes each process's peak: resident ({@code VmHWM}) for a JVM, summed proportional size for
 *                        PostgreSQL's process tree
 * @param invariants the invariant checker over every order of the run
 * @param refusals the first few refused POSTs' errors, if any
 * @param summaries each load's repeats as min / median / max
 */
public record BenchmarkReport(
        String startedAt,
        String finishedAt,
        String command,
        Machine machine,
        String suite,
        Map<String, String> durability,
        List<ProcessInfo> processes,
        Limits limits,
        List<StepReport> steps,
        Map<String, Long> peakMemoryBytes,
        InvariantResult invariants,
        List<String> refusals,
        List<RateSummary> summaries) {

    /** @param loadAverageBefore the 1-minute load average when the run started: high means a noisy machine */
    public record Machine(int cores, String cpuModel, long memoryBytes, String os, String jvm,
                         double loadAverageBefore, double loadAverageAfter) {
    }

    public record ProcessInfo(String name, long pid, String commandLine) {
    }

    public record Limits(ProducerLimit.Result producer, Latencies roundTrip, CommitLimit.Result commits) {
    }

    /**
     * One measured step.
     *
     * @param rate open loop: the offered rate; closed loop: {@code null}
     * @param clients closed loop: the concurrent clients; open loop: {@code null}
     * @param placed orders the suite accepted (201)
     * @param refused POSTs that failed or were answered with an error
     * @param unfinished accepted orders that had not ended when the drain timeout passed
     * @param unexpected orders that ended otherwise than their kind says (e.g. a happy order cancelled)
     * @param throughput orders that ended per second, from the first send to the last end
     * @param completedLatency POST (as scheduled) → the benchmark's consumer receiving OrderCompleted
     * @param cancelledLatency POST (as scheduled) → CANCELLED
     * @param sagaLatency OrderPlaced (its envelope's timestamp) → OrderCompleted received: the saga alone, without
     *                    HTTP or the load generator
     * @param answerLatency POST (as scheduled) → 201 answer
     * @param cpuSeconds CPU used per process while the step's orders were in the suite
     * @param cpuPerOrderMs the suite's CPU (all processes but the load generator) per order that ended
     * @param sagaRecordsPerOrder records the saga produced on its four topics, per order that ended
     * @param walPerOrder PostgreSQL's WAL records, bytes, writes and syncs (flushes) per order that ended
     * @param repeat which repeat of this rate the step was (0 for the first)
     * @param scheduled the measured orders the step was to send; -1 in the closed loop
     * @param unanswered scheduled POSTs without an answer when the step was analysed (the drain timed out):
     *                   {@code placed + refused + unanswered == scheduled}
     * @param machineCpu the whole machine's CPU over the window, and how much of it no metered process explains
     * @param hops with {@code --hops}, the completed orders' hops in order ("relay OrderPlaced", "consume
     *             OrderPlaced", …, "relay OrderCompleted"; see {@code OrderEvents.SagaTimes#hops}), else {@code null}
     * @param statements PostgreSQL's statements over the window ({@code pg_stat_statements}), {@code null} where the
     *                   server does not have the extension
     */
    public record StepReport(
            String label,
            Integer rate,
            Integer clients,
            double sendSeconds,
            long placed,
            long refused,
            long completed,
            long cancelled,
            Map<String, Long> cancelledByReason,
            long unfinished,
            long unexpected,
            double throughput,
            Latencies completedLatency,
            Latencies cancelledLatency,
            Latencies sagaLatency,
            Latencies answerLatency,
            double windowSeconds,
            long endedInWindow,
            Map<String, Double> cpuSeconds,
            double suiteCpuSeconds,
            double suiteCores,
            double cpuPerOrderMs,
            double cpuPerOrderMsWithLoadGenerator,
            double sagaRecordsPerOrder,
            Wal walPerOrder,
            Ratios ratios,
            Map<String, Latencies> hops,
            int repeat,
            long scheduled,
            long unanswered,
            MachineCpu machineCpu,
            Statements statements) {
    }

    /**
     * PostgreSQL's statements over a step's window, all databases ({@code pg_stat_statements}), per order that ended;
     * {@code NaN} per order when none ended.
     *
     * @param callsPerOrder executions of any statement
     * @param execMsPerOrder the server's execution time of all of them; a commit's wait for its WAL flush is not in
     *                       it (see {@code walPerOrder}'s syncs)
     * @param top the statements with the most execution time, most first
     */
    public record Statements(double callsPerOrder, double execMsPerOrder, List<StatementTime> top) {
    }

    /**
     * One statement of {@link Statements#top()}.
     *
     * @param query its normalised text, whitespace collapsed, cut short
     * @param share its part of all statements' execution time in the window
     */
    public record StatementTime(String database, String query, double callsPerOrder, double execMsPerOrder,
                                double share, double rowsPerCall) {
    }

    /** PostgreSQL's WAL per order that ended ({@code pg_stat_wal}); {@code NaN} where unknown. */
    public record Wal(double records, double bytes, double writes, double syncs) {
        public static final Wal UNKNOWN = new Wal(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * CPU of the whole machine over a step's window ({@code /proc/stat}), {@code NaN} when unknown.
     *
     * @param busySeconds user + nice + system + irq + softirq + steal, all cores
     * @param meteredSeconds the sum over the metered processes, the load generator included
     * @param unattributedSeconds busy minus metered: other processes of the machine, and kernel work for none
     * @param cores busy seconds per second of the window
     * @param perOrderMs busy milliseconds per order that ended
     */
    public record MachineCpu(double busySeconds, double meteredSeconds, double unattributedSeconds, double cores,
                             double perOrderMs) {
    }

    /**
     * Each ordersaga figure as a share of the machine's own limit measured in the same run; {@code null} when the
     * limit was not measured.
     *
     * @param sagaRecordsVsProducer saga records/s ÷ ProducerPerformance records/s
     * @param walSyncsVsCommitLimit PostgreSQL WAL syncs/s ÷ the one-update + outbox-insert commit rate (each of those
     *                              commits is a sync, so this is the share of the disk's flush rate in use)
     * @param ordersVsCommitLimit orders/s ÷ that commit rate
     * @param p50VsRoundTrip median POST→COMPLETED ÷ median one-record round trip (a completed order takes at least
     *                       four hops: OrderPlaced, InventoryReserved, PaymentCompleted, ShipmentScheduled)
     * @param p99VsRoundTrip the same at the 99th percentile
     */
    public record Ratios(Double sagaRecordsVsProducer, Double walSyncsVsCommitLimit, Double ordersVsCommitLimit,
                         Double p50VsRoundTrip, Double p99VsRoundTrip) {
    }

    /** @param violations the first violations found (empty when the invariants hold) */
    public record InvariantResult(int orders, int skus, int accounts, boolean hold, List<String> violations,
                                  double seconds) {
    }
}
