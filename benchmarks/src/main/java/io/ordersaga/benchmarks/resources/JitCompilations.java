package io.ordersaga.benchmarks.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * How many methods a JVM's JIT has compiled so far, as {@code jcmd <pid> PerfCounter.print} reports it
 * ({@code sun.ci.totalCompiles}). A warm-up is over when that count stops rising: the services then run the code
 * they will run when measured. jcmd ships with the JDK that runs the benchmark and can read any JVM of the same user.
 */
public final class JitCompilations {

    private static final String COUNTER = "sun.ci.totalCompiles=";

    private JitCompilations() {
    }

    /** The JVM's compilations so far, or empty when jcmd cannot tell (another user's JVM, no jcmd, a timeout). */
    public static OptionalLong total(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return OptionalLong.empty();
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return OptionalLong.empty();
            }
            return parse(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(String perfCounters) {
        for (String line : perfCounters.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(COUNTER)) {
                try {
                    return OptionalLong.of(Long.parseLong(trimmed.substring(COUNTER.length()).trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether every JVM compiled fewer than {@code perMinute} methods a minute between two readings of
     * {@code seconds} apart; a JVM missing from either reading is not judged.
     */
    public static boolean quiet(Map<String, Long> before, Map<String, Long> after, double seconds, int perMinute) {
        return after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .allMatch(e -> rate(before.get(e.getKey()), e.getValue(), seconds) < perMinute);
    }

    /** Compilations a minute between two counts {@code seconds} apart. */
    public static double rate(long before, long after, double seconds) {
        return (after - before) * 60 / seconds;
    }
}
