package io.ordersaga.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a user sees for --help and for a mistake: only the paths that never start a benchmark. */
class BenchmarkMainTest {

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Run run = run("--help");

        assertThat(run.code).isZero();
        assertThat(run.out).isEqualTo(BenchmarkOptions.usage()).startsWith("Usage: bin/benchmark [options]");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aBadValuePrintsOneLineNamingOptionAndValueAndExitsTwo() {
        Run run = run("--rate", "abc");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines()).containsExactly("benchmark: Invalid value for option '--rate': 'abc' is not an int",
                "Run with --help to see the options.");
        assertThat(run("--sweeep", "10,20").err.lines().findFirst())
                .hasValue("benchmark: Unknown options: '--sweeep', '10,20'");
        assertThat(run("--sweeep", "10,20").code).isEqualTo(2);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = BenchmarkMain.run(args);
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
