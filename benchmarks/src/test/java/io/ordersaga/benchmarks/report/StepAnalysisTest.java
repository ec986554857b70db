package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.benchmarks.limits.CommitLimit;
import io.ordersaga.benchmarks.limits.ProducerLimit;
import io.ordersaga.benchmarks.load.OrderEvents;
import io.ordersaga.benchmarks.load.OrderKind;
import io.ordersaga.benchmarks.load.RunLog.PlacedOrder;
import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import io.ordersaga.benchmarks.suite.SuiteDatabase;
import io.ordersaga.benchmarks.suite.SuiteProcesses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepAnalysisTest {

    private static final long T0 = 1_800_000_000_000_000L; // a wall-clock time in microseconds
    private final OrderEvents events = new OrderEvents();
    private final List<PlacedOrder> orders = new ArrayList<>();

    @Test
    void eachStatementsWorkInTheWindowIsPerOrderEndedAndTheBusiestComeFirst() {
        SuiteDatabase.StatementCounters before = new SuiteDatabase.StatementCounters(List.of(
                counter(1, 10, "SELECT 1", 500, 100.0, 500),
                counter(2, 20, "COMMIT", 1_000, 50.0, 0),
                counter(2, 30, "UPDATE stock\n   SET reserved = $1\tWHERE sku = $2", 100, 20.0, 100),
                counter(2, 40, "DELETE FROM idle", 7, 1.0, 0),
                counter(3, 50, "SELECT evicted", 900, 90.0, 900)));
        SuiteDatabase.StatementCounters after = new SuiteDatabase.StatementCounters(List.of(
                counter(1, 10, "SELECT 1", 500, 100.0, 500), // idle in the window: left out
                counter(2, 20, "COMMIT", 1_400, 70.0, 0), // 400 calls, 20 ms
                counter(2, 30, "UPDATE stock\n   SET reserved = $1\tWHERE sku = $2", 300, 80.0, 300), // 200, 60 ms
                counter(2, 40, "DELETE FROM idle", 7, 1.0, 0),
                counter(2, 60, "INSERT INTO outbox " + "x".repeat(200), 200, 10.0, 200), // new: 200, 10 ms
                counter(3, 50, "SELECT evicted", 100, 10.0, 100))); // evicted and back: from zero, 100, 10 ms

        List<SuiteDatabase.StatementCounter> used = after.minus(before);
        BenchmarkReport.Statements statements = StepAnalysis.statements(used, 100);

        assertThat(used).hasSize(4);
        assertThat(statements.callsPerOrder()).isEqualTo(9.0);
        assertThat(statements.execMsPerOrder()).isEqualTo(1.0);
        assertThat(statements.top()).extracting(BenchmarkReport.StatementTime::execMsPerOrder)
                .containsExactly(0.6, 0.2, 0.1, 0.1);
        BenchmarkReport.StatementTime update = statements.top().get(0);
        assertThat(update).isEqualTo(new BenchmarkReport.StatementTime("db2",
                "UPDATE stock SET reserved = $1 WHERE sku = $2", 2.0, 0.6, 0.6, 1.0));
        assertThat(statements.top().get(1).query()).isEqualTo("COMMIT");
        assertThat(statements.top().get(1).rowsPerCall()).isZero();
        assertThat(statements.top()).anySatisfy(t -> assertThat(t.query()).hasSize(StepAnalysis.QUERY_LENGTH)
                .startsWith("INSERT INTO outbox xxx").endsWith("x…"));
        assertThat(StepAnalysis.statements(null, 100)).isNull();
        assertThat(StepAnalysis.statements(used, 0).execMsPerOrder()).isNaN();
    }

    @Test
    void onlyTheBusiestStatementsAreNamed() {
        List<SuiteDatabase.StatementCounter> used = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            used.add(counter(1, i, "SELECT " + i, 1, i, 1));
        }

        BenchmarkReport.Statements statements = StepAnalysis.statements(used, 1);

        assertThat(statements.top()).hasSize(StepAnalysis.TOP_STATEMENTS);
        assertThat(statements.top().get(0).query()).isEqualTo("SELECT 20");
        assertThat(statements.callsPerOrder()).isEqualTo(20.0);
        assertThat(statements.execMsPerOrder()).isEqualTo(210.0);
    }

    private static SuiteDatabase.StatementCounter counter(long dbid, long queryid, String query, long calls,
                                                          double execMs, long rows) {
        return new SuiteDatabase.StatementCounter(dbid, queryid, "db" + dbid, query, calls, execMs, rows);
    }

    @Test
    void latencyCountsFromWhenTheOrderWasDueNotWhenItWasSent() {
        // due at T0, sent 30 ms late because every connection was busy, placed at +35 ms, completed at +50 ms
        UUID id = place(OrderKind.COMPLETES, 0, 30_000, 35_000);
        end(id, "OrderCompleted", 50_000, null);

        StepReport report = analyse(orders, Map.of(), -1, -1, null);

        assertThat(report.completedLatency().p50()).isEqualTo(50.0);
        assertThat(report.sagaLatency().p50()).isEqualTo(15.0);
        assertThat(report.answerLatency().p50()).isEqualTo(35.0);
    }

    @Test
    void countsOutcomesAndTheOrdersThatNeverFinished() {
        end(place(OrderKind.COMPLETES, 0, 0, 1_000), "OrderCompleted", 20_000, null);
        end(place(OrderKind.OUT_OF_STOCK, 5_000, 5_000, 6_000), "OrderCancelled", 15_000, "OUT_OF_STOCK");
        end(place(OrderKind.COMPLETES, 10_000, 10_000, 11_000), "OrderCancelled", 40_000, "PAYMENT_DECLINED");
        place(OrderKind.COMPLETES, 15_000, 15_000, 16_000); // placed, never ended

        StepReport report = analyse(orders, Map.of(), -1, -1, null);

        assertThat(report.placed()).isEqualTo(4);
        assertThat(report.completed()).isEqualTo(1);
        assertThat(report.cancelled()).isEqualTo(2);
        assertThat(report.cancelledByReason()).containsEntry("OUT_OF_STOCK", 1L).containsEntry("PAYMENT_DECLINED", 1L);
        assertThat(report.unfinished()).isEqualTo(1);
        assertThat(report.unexpected()).isEqualTo(1); // meant to complete, but declined
        // 3 orders ended between the first due time (T0) and the last end (T0 + 40 ms)
        assertThat(report.throughput()).isEqualTo(75.0);
    }

    @Test
    void cpuPerOrderLeavesTheLoadGeneratorOutAndCountsOrdersThatEndedInTheWindow() {
        hundredOrdersEachEndingAfter20Ms();
        Map<String, Double> cpu = Map.of("order-service", 0.3, "postgresql", 0.2, SuiteProcesses.LOAD_GENERATOR, 0.5);

        StepReport report = analyse(orders, cpu, 500, 1500, null);

        assertThat(report.endedInWindow()).isEqualTo(100);
        assertThat(report.suiteCpuSeconds()).isEqualTo(0.5);
        assertThat(report.cpuPerOrderMs()).isEqualTo(5.0);
        assertThat(report.cpuPerOrderMsWithLoadGenerator()).isEqualTo(10.0);
        assertThat(report.sagaRecordsPerOrder()).isEqualTo(5.0);
        assertThat(report.walPerOrder().syncs()).isEqualTo(15.0);
        assertThat(report.walPerOrder().bytes()).isEqualTo(1500.0);
        assertThat(report.ratios().sagaRecordsVsProducer()).isNull();
    }

    @Test
    void everyFigureIsGivenAsAShareOfTheLimitsMeasuredInTheSameRun() {
        hundredOrdersEachEndingAfter20Ms();
        BenchmarkReport.Limits limits = new BenchmarkReport.Limits(
                new ProducerLimit.Result(500_000, 512, 50_000, 24.4, 100, 90, 300, "cmd"),
                new Latencies(2000, 2.0, 3.0, 4.0, 5.0, 6.0, 2.1),
                new CommitLimit.Result(50_000, 10, 4, 5_000));

        StepReport report = analyse(orders, Map.of(), 500, 1500, limits);

        double window = report.windowSeconds();
        assertThat(report.ratios().sagaRecordsVsProducer()).isCloseTo(500 / window / 50_000, within());
        assertThat(report.ratios().walSyncsVsCommitLimit()).isCloseTo(1500 / window / 5_000, within());
        assertThat(report.ratios().ordersVsCommitLimit()).isCloseTo(report.throughput() / 5_000, within());
        assertThat(report.ratios().p50VsRoundTrip()).isCloseTo(10.0, within()); // 20 ms vs 2 ms
        assertThat(report.ratios().p99VsRoundTrip()).isCloseTo(5.0, within());
    }

    @Test
    void withHopsEveryHopOfTheCompletedOrdersIsReportedInSagaOrder() {
        OrderEvents hopping = new OrderEvents(true);
        List<PlacedOrder> measured = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            UUID id = UUID.randomUUID();
            measured.add(new PlacedOrder(id, OrderKind.COMPLETES, 0, true, T0, T0, T0 + 1_000));
            // each event is sent (n + 1) ms after its publish, and the next one published 5 ms after that send
            long published = T0 + 1_000;
            for (String type : OrderEvents.CHAIN) {
                long sent = published + (n + 1) * 1_000L;
                hopping.accept(type, id.toString(), envelope(type, id, published, null), sent / 1_000, sent);
                published = sent + 5_000;
            }
        }

        StepReport report = StepAnalysis.analyse(new StepAnalysis.Measurement("open 100/s", 100, null, 1.0, measured,
                0, measured, T0, T0 + 1_000_000, Map.of(), -1, SuiteDatabase.WalCounters.UNKNOWN, Double.NaN, 0, -1, null),
                hopping::order, null);

        assertThat(report.completed()).isEqualTo(3);
        assertThat(report.hops().keySet()).containsExactly("relay OrderPlaced", "consume OrderPlaced",
                "relay InventoryReserved", "consume InventoryReserved", "relay PaymentCompleted",
                "consume PaymentCompleted", "relay ShipmentScheduled", "consume ShipmentScheduled",
                "relay OrderCompleted");
        report.hops().forEach((hop, latencies) -> {
            assertThat(latencies.count()).as(hop).isEqualTo(3);
            assertThat(latencies.p50()).as(hop).isEqualTo(hop.startsWith("relay") ? 2.0 : 5.0);
        });
        assertThat(report.hops().get("relay OrderCompleted").max()).isEqualTo(3.0);
    }

    @Test
    void withoutHopsThereAreNone() {
        end(place(OrderKind.COMPLETES, 0, 0, 1_000), "OrderCompleted", 20_000, null);

        assertThat(analyse(orders, Map.of(), -1, -1, null).hops()).isNull();
    }

    /** One order due every 10 ms, each completed 20 ms after it was due. */
    private void hundredOrdersEachEndingAfter20Ms() {
        for (int i = 0; i < 100; i++) {
            end(place(OrderKind.COMPLETES, i * 10_000L, i * 10_000L, i * 10_000L + 500), "OrderCompleted",
                    i * 10_000L + 20_000, null);
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void theScheduledPostsAreAcceptedRefusedOrUnansweredAndNothingMore() {
        for (int i = 0; i < 6; i++) {
            end(place(OrderKind.COMPLETES, i * 1_000L, i * 1_000L, i * 1_000L + 500), "OrderCompleted", 20_000, null);
        }

        // 10 scheduled: 6 accepted, 3 refused, 1 still without an answer when the drain timed out
        StepReport report = StepAnalysis.analyse(new StepAnalysis.Measurement("open 100/s", 100, null, 0.1, orders,
                3, orders, T0, T0 + 30_000, Map.of(), -1, SuiteDatabase.WalCounters.UNKNOWN, Double.NaN, 0, 10, null),
                events::order, null);

        assertThat(report.scheduled()).isEqualTo(10);
        assertThat(report.placed() + report.refused() + report.unanswered()).isEqualTo(report.scheduled());
        assertThat(report.unanswered()).isEqualTo(1);
    }

    @Test
    void theMachinesCpuLessEveryMeteredProcessIsTheUnattributedRest() {
        hundredOrdersEachEndingAfter20Ms();
        Map<String, Double> cpu = Map.of("order-service", 0.3, "postgresql", 0.2, SuiteProcesses.LOAD_GENERATOR, 0.5);

        StepReport report = analyse(orders, cpu, -1, -1, 1.6, null);

        assertThat(report.machineCpu().busySeconds()).isEqualTo(1.6);
        assertThat(report.machineCpu().meteredSeconds()).isEqualTo(1.0);
        assertThat(report.machineCpu().unattributedSeconds()).isCloseTo(0.6, within());
        assertThat(report.machineCpu().perOrderMs()).isCloseTo(16.0, within());
    }

    private StepReport analyse(List<PlacedOrder> measured, Map<String, Double> cpu, long records, long walSyncs,
                               BenchmarkReport.Limits limits) {
        return analyse(measured, cpu, records, walSyncs, Double.NaN, limits);
    }

    /** {@code walSyncs} syncs, with 100 bytes and two records a sync; -1: unknown. */
    private StepReport analyse(List<PlacedOrder> measured, Map<String, Double> cpu, long records, long walSyncs,
                               double machineCpu, BenchmarkReport.Limits limits) {
        long windowEnd = measured.stream().mapToLong(o -> events.order(o.orderId())
                .map(OrderEvents.SagaTimes::endedMicros).orElse(0L)).max().orElse(T0) + 1;
        SuiteDatabase.WalCounters wal = walSyncs < 0 ? SuiteDatabase.WalCounters.UNKNOWN
                : new SuiteDatabase.WalCounters(walSyncs * 2, walSyncs * 100, walSyncs, walSyncs);
        return StepAnalysis.analyse(new StepAnalysis.Measurement("open 100/s", 100, null, 1.0, measured, 0,
                measured, T0, windowEnd, cpu, records, wal, machineCpu, 0, measured.size(), null), events::order, limits);
    }

    private UUID place(OrderKind kind, long dueOffset, long sentOffset, long acceptedOffset) {
        UUID id = UUID.randomUUID();
        orders.add(new PlacedOrder(id, kind, 0, true, T0 + dueOffset, T0 + sentOffset, T0 + acceptedOffset));
        events.accept("OrderPlaced", id.toString(), envelope("OrderPlaced", id, T0 + acceptedOffset, null), 0, 0);
        return id;
    }

    /** The tap receives the end at {@code offset}; its envelope says it was published 2 ms before. */
    private void end(UUID id, String type, long offset, String reason) {
        events.accept(type, id.toString(), envelope(type, id, T0 + offset - 2_000, reason), 0, T0 + offset);
    }

    private static byte[] envelope(String type, UUID orderId, long micros, String reason) {
        Instant at = Instant.EPOCH.plusNanos(micros * 1000);
        return ("{\"eventType\":\"" + type + "\",\"timestamp\":\"" + at + "\",\"data\":{\"orderId\":\"" + orderId
                + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
