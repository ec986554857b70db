package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The repeats of one load (a rate, or a closed loop's clients) side by side: each headline figure as the minimum,
 * median and maximum over the repeats, so a reader sees how far one run is from the next before comparing rates.
 *
 * @param load the step's label without its repeat number, e.g. "open 20/s"
 * @param repeats how many steps were measured at it
 * @param cpuPerOrderMs the suite's CPU per order (the load generator not included)
 */
public record RateSummary(String load, Integer rate, int repeats, Spread throughput, Spread p50, Spread p99,
                          Spread cpuPerOrderMs) {

    /** Minimum, median (the mean of the middle two for an even count) and maximum; NaN figures are left out. */
    public record Spread(double min, double median, double max) {

        static Spread of(double[] values) {
            double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (known.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            int mid = known.length / 2;
            double median = known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
            return new Spread(known[0], median, known[known.length - 1]);
        }
    }

    /** One summary per load, in the order of each load's first step. */
    public static List<RateSummary> of(List<StepReport> steps) {
        Map<String, List<StepReport>> byLoad = new LinkedHashMap<>();
        for (StepReport step : steps) {
            byLoad.computeIfAbsent(load(step.label()), l -> new ArrayList<>()).add(step);
        }
        List<RateSummary> summaries = new ArrayList<>();
        byLoad.forEach((load, group) -> summaries.add(new RateSummary(load, group.get(0).rate(), group.size(),
                spread(group, StepReport::throughput), spread(group, s -> s.completedLatency().p50()),
                spread(group, s -> s.completedLatency().p99()), spread(group, StepReport::cpuPerOrderMs))));
        return summaries;
    }

    /** "open 20/s #2" is a repeat of "open 20/s". */
    static String load(String label) {
        int hash = label.lastIndexOf(" #");
        return hash < 0 ? label : label.substring(0, hash);
    }

    private static Spread spread(List<StepReport> steps, ToDoubleFunction<StepReport> figure) {
        return Spread.of(steps.stream().mapToDouble(figure).toArray());
    }
}
