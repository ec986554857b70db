package io.ordersaga.benchmarks;

import io.ordersaga.benchmarks.report.BenchmarkReport;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [options]}; see {@link BenchmarkOptions#usage()}.
 * Exit codes: 0 done, 1 failed, 2 bad usage, 3 done but orders never finished or the invariants were violated.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (BenchmarkOptions.UsageException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.println("Run with --help to see the options.");
            return 2;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.usage());
            return 0;
        }
        try {
            BenchmarkReport report = new Benchmark(options, System.out, String.join(" ", args)).run();
            boolean unfinished = report.steps().stream().anyMatch(s -> s.unfinished() > 0);
            boolean violated = report.invariants() != null && !report.invariants().hold();
            return unfinished || violated ? 3 : 0;
        } catch (IllegalStateException e) {
            System.err.println("benchmark: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }
}
