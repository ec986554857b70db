package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void showsTheLimitsAndOneColumnPerStepWithItsRatios() {
        String table = ResultsTable.render(ReportFixtures.report());

        assertThat(table).contains("PostgreSQL fsync=on synchronous_commit=on");
        assertThat(table).contains("120,000 records/s").contains("p50 1.20 ms, p99 3.40 ms").contains("6,000 commits/s");
        assertThat(table).containsPattern("open 100/s\\s+open 200/s\\s+open 400/s");
        assertThat(table).containsPattern("throughput, orders ended/s\\s+99\\.9\\s+199\\.8\\s+371\\.0");
        assertThat(table).containsPattern("POST->COMPLETED ms p99\\s+20\\.0\\s+31\\.0\\s+900\\.0");
        assertThat(table).containsPattern("CPU per order, suite, ms\\s+1\\.50\\s+0\\.75\\s+0\\.38");
        assertThat(table).containsPattern("WAL syncs/s vs commit limit\\s+20\\.0%");
        assertThat(table).containsPattern("PostgreSQL WAL syncs per order\\s+1\\.50");
        assertThat(table).containsPattern("p50 latency vs round trip p50\\s+6\\.7x");
        assertThat(table).contains("Invariants  HOLD over 42,000 orders");
        assertThat(table).doesNotContain("hops of completed orders");
    }

    @Test
    void theStatementsWithTheMostTimeAreNamedAfterEachStepAndAtTheEnd() {
        BenchmarkReport report = ReportFixtures.report();

        assertThat(ResultsTable.stepSummary(report.steps().get(0)))
                .contains("PostgreSQL per order: 14.0 statements, 2.50 ms executing (pg_stat_statements)")
                .containsPattern("0\\.900\\s+36\\.0%\\s+3\\.00\\s+0\\.0\\s+order_service\\s+COMMIT");
        String table = ResultsTable.render(report);
        assertThat(table).containsPattern("PostgreSQL statements per order\\s+14\\.0\\s+14\\.0\\s+14\\.0");
        assertThat(table).containsPattern("PostgreSQL executing, ms per order\\s+2\\.50");
        assertThat(table).contains("PostgreSQL statements with the most execution time")
                .containsPattern("open 400/s\\n\\s+ms/order\\s+share")
                .doesNotContain("PostgreSQL per order")
                .containsPattern("0\\.400\\s+16\\.0%\\s+1\\.00\\s+1\\.0\\s+inventory_service\\s+UPDATE stock");
    }

    @Test
    void hopsAreShownWhenTheRunFollowedThem() {
        BenchmarkReport report = ReportFixtures.report();
        BenchmarkReport.StepReport step = report.steps().get(0);
        java.util.Map<String, Latencies> hops = new java.util.LinkedHashMap<>();
        hops.put("relay OrderPlaced", new Latencies(10, 1.5, 4.0, 6.0, 6.0, 6.0, 2.0));
        hops.put("consume OrderPlaced", new Latencies(10, 8.25, 13.0, 20.0, 20.0, 20.0, 9.0));

        String table = ResultsTable.render(ReportFixtures.withSteps(report,
                java.util.List.of(ReportFixtures.withHops(step, hops), report.steps().get(1))));

        assertThat(table).contains("hops of completed orders, ms p50 / p95");
        assertThat(table).containsPattern("relay OrderPlaced\\s+1\\.5 / 4\\.0\\s+-");
        assertThat(table).containsPattern("consume OrderPlaced\\s+8\\.3 / 13\\.0\\s+-");
    }

    @Test
    void aStepWhoseOrdersTheDeadlineCancelledSaysSoInsteadOfShowingNoLatency() {
        BenchmarkReport report = ReportFixtures.report();
        BenchmarkReport.StepReport step = report.steps().get(1);
        BenchmarkReport.StepReport overloaded = ReportFixtures.allTimedOut(step, 131.9);

        assertThat(ResultsTable.stepSummary(overloaded))
                .contains("-> open 200/s: 131.9 orders/s ended, none completed, 0 never finished")
                .contains("12,000 of 12,000 orders were cancelled at the saga deadline (TIMED_OUT)")
                .contains("against 200 orders/s offered");
        assertThat(ResultsTable.stepSummary(step)).contains("POST->COMPLETED p50").doesNotContain("TIMED_OUT");

        String table = ResultsTable.render(ReportFixtures.withSteps(report,
                java.util.List.of(report.steps().get(0), overloaded)));
        assertThat(table).contains("open 200/s: 12,000 of 12,000 orders were cancelled at the saga deadline");
        assertThat(table).doesNotContain("open 100/s: ");
    }

    @Test
    void aStepWhosePostsWereRefusedSaysTheSuiteShedLoad() {
        BenchmarkReport report = ReportFixtures.report();
        BenchmarkReport.StepReport shed = ReportFixtures.shedding(report.steps().get(1), 2_500);

        assertThat(ResultsTable.stepSummary(shed))
                .contains("-> open 200/s: 199.8 orders/s ended, POST->COMPLETED p50 9.5 ms")
                .contains("2,500 POSTs were refused and 9,500 accepted against 200 orders/s offered")
                .contains("503 \"Saga backlog full\"")
                .contains("the suite shed load")
                .doesNotContain("TIMED_OUT");
        assertThat(ResultsTable.stepSummary(report.steps().get(1))).doesNotContain("refused");

        String table = ResultsTable.render(ReportFixtures.withSteps(report, java.util.List.of(shed)));
        assertThat(table).contains("9,500 / 2,500").contains("open 200/s: 2,500 POSTs were refused");
    }

    @Test
    void cellsWiderThanTheirColumnStaySeparated() {
        BenchmarkReport report = ReportFixtures.report();
        BenchmarkReport.StepReport slow = ReportFixtures.step(200, 165.1, 4302.7, 8371.2);

        String table = ResultsTable.render(ReportFixtures.withSteps(report, java.util.List.of(slow, slow)));

        assertThat(table).contains("4,300.7 / 8,369.2 4,300.7 / 8,369.2");
    }

    @Test
    void violationsAreListed() {
        BenchmarkReport report = ReportFixtures.report();
        BenchmarkReport violated = new BenchmarkReport(report.startedAt(), report.finishedAt(), report.command(),
                report.machine(), report.suite(), report.durability(), report.processes(), null, report.steps(),
                report.peakMemoryBytes(), new BenchmarkReport.InvariantResult(10, 1, 1, false,
                java.util.List.of("1: order x is PAID, not terminal"), 1),
                java.util.List.of("POST http://localhost:8081/orders answered 503: busy"), report.summaries());

        String table = ResultsTable.render(violated);

        assertThat(table).contains("Invariants  VIOLATED").contains("1: order x is PAID, not terminal");
        assertThat(table).contains("not measured (--no-limits)");
        assertThat(table).contains("First refused POSTs").contains("answered 503: busy");
    }

    @Test
    void repeatsAreSummedUpAsMinMedianAndMaxPerRate() {
        BenchmarkReport report = ReportFixtures.report();
        java.util.List<BenchmarkReport.StepReport> steps = java.util.List.of(
                ReportFixtures.relabel(ReportFixtures.step(20, 19.9, 30.0, 90.0), "open 20/s #1"),
                ReportFixtures.relabel(ReportFixtures.step(100, 99.0, 60.0, 200.0), "open 100/s #1"),
                ReportFixtures.relabel(ReportFixtures.step(20, 20.0, 45.0, 120.0), "open 20/s #2"),
                ReportFixtures.relabel(ReportFixtures.step(20, 19.8, 35.0, 100.0), "open 20/s #3"));

        BenchmarkReport withRepeats = ReportFixtures.withSteps(report, steps);
        String table = ResultsTable.render(withRepeats);

        assertThat(withRepeats.summaries()).extracting(RateSummary::load).containsExactly("open 20/s", "open 100/s");
        assertThat(withRepeats.summaries().get(0).p50()).isEqualTo(new RateSummary.Spread(30.0, 35.0, 45.0));
        assertThat(table).contains("min / median / max").containsPattern("open 20/s\\s+3\\s+19\\.8 / 19\\.9 / 20\\.0\\s+"
                + "30\\.0 / 35\\.0 / 45\\.0\\s+90\\.0 / 100\\.0 / 120\\.0");
        assertThat(table).contains("machine CPU (/proc/stat), cores busy", "unattributed (machine minus the above)",
                "PostgreSQL WAL syncs per order");
    }

    @Test
    void wideSpreadsInTheRepeatsSummaryStaySeparated() {
        BenchmarkReport report = ReportFixtures.report();
        java.util.List<BenchmarkReport.StepReport> steps = java.util.List.of(
                ReportFixtures.relabel(ReportFixtures.step(200, 94.3, 8462.3, 12820.5), "open 200/s #1"),
                ReportFixtures.relabel(ReportFixtures.step(200, 110.7, 6922.2, 10534.9), "open 200/s #2"));

        String table = ResultsTable.render(ReportFixtures.withSteps(report, steps));

        // A real run printed "6,922.2 / 7,692.3 / 8,462.310,534.9 / ...": two spreads run together.
        assertThat(table).containsPattern("8,462\\.3\\s{2,}10,534\\.9 / ");
    }
}
