package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs of repeated scenarios side by side ({@code -Dfaults.repeats=N}): one row per scenario, one column per run,
 * each cell the run's verdict and what decides it (orders accepted, completed / cancelled / stuck, time to recover,
 * duplicates deduplicated, duplicate effects), and a last column that passes only if every run passed.
 *
 * <p>Built from the {@code <scenario>-run<n>.json} reports in the report directory, not from memory: the fault
 * suite's two classes run in two JVMs and each rewrites the file when one of its scenarios ends, so each write holds
 * both halves' runs so far. The file is replaced in one move, never seen half-written.
 */
final class RepeatSummary {

    static final String FILE = "summary-repeats.md";
    static final String RUN = "-run";
    private static final Pattern REPORT = Pattern.compile("(.+)" + RUN + "(\\d+)\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RepeatSummary() {
    }

    /** Writes {@link #FILE} in {@code reportDir} from the repeated runs' reports there. */
    static void write(Path reportDir) {
        try {
            Path temporary = Files.createTempFile(reportDir, FILE, ".tmp");
            Files.writeString(temporary, render(reportDir));
            Files.move(temporary, reportDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The markdown table of the repeated runs' reports in {@code reportDir}. */
    static String render(Path reportDir) throws IOException {
        Map<String, Map<Integer, JsonNode>> runs = new TreeMap<>();
        try (Stream<Path> files = Files.list(reportDir)) {
            for (Path file : files.toList()) {
                Matcher name = REPORT.matcher(file.getFileName().toString());
                if (name.matches()) {
                    runs.computeIfAbsent(name.group(1), scenario -> new TreeMap<>())
                            .put(Integer.parseInt(name.group(2)), JSON.readTree(file.toFile()));
                }
            }
        }
        int columns = runs.values().stream().mapToInt(byRun -> ((TreeMap<Integer, JsonNode>) byRun).lastKey())
                .max().orElse(0);
        StringBuilder table = new StringBuilder("# Fault scenarios, repeated\n\n")
                .append("Each cell: verdict; orders accepted → completed / cancelled / stuck; time to recover; ")
                .append("duplicates deduplicated; duplicate effects. Reports: `<scenario>-run<n>.json`.\n\n")
                .append("| scenario |");
        for (int run = 1; run <= columns; run++) {
            table.append(" run ").append(run).append(" |");
        }
        table.append(" all runs |\n|---|").append("---|".repeat(columns)).append("---|\n");
        runs.forEach((scenario, byRun) -> {
            table.append("| `").append(scenario).append("` |");
            boolean allPassed = byRun.size() == columns;
            for (int run = 1; run <= columns; run++) {
                JsonNode report = byRun.get(run);
                table.append(' ').append(report == null ? "not run" : cell(report)).append(" |");
                allPassed &= report != null && report.path("passed").asBoolean();
            }
            table.append(allPassed ? " **PASS** |" : " **FAIL** |").append('\n');
        });
        List<String> failures = new ArrayList<>();
        runs.forEach((scenario, byRun) -> byRun.forEach((run, report) -> {
            if (!report.path("passed").asBoolean()) {
                List<String> why = new ArrayList<>();
                report.path("failures").forEach(failure -> why.add(failure.asString()));
                failures.add("- `" + scenario + RUN + run + "`: " + String.join("; ", why));
            }
        }));
        if (!failures.isEmpty()) {
            table.append("\nFailed runs:\n\n").append(String.join("\n", failures)).append('\n');
        }
        return table.toString();
    }

    private static String cell(JsonNode report) {
        return (report.path("passed").asBoolean() ? "PASS" : "FAIL") + "; " + report.path("accepted").asLong()
                + " → " + report.path("completed").asLong() + " / " + report.path("cancelled").asLong() + " / "
                + report.path("stuck").asLong() + "; " + seconds(report.path("recoverMillis").asLong()) + "; "
                + report.path("duplicatesDeduplicated").asLong() + "; " + report.path("duplicateEffects").asLong();
    }

    private static String seconds(long millis) {
        return millis < 0 ? "not recovered" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
