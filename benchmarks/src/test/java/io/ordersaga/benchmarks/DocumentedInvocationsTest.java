package io.ordersaga.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark command line the docs show (README.md, docs/*.md, the runs' JSON in docs/, the examples at the top
 * of bin/benchmark) still parses, so a reader can paste it.
 */
class DocumentedInvocationsTest {

    /**
     * The command, then its arguments up to what ends a command in the docs: a backtick, a quote (JSON), a comment,
     * two spaces (the column of a comment), or a line break in a code block.
     */
    private static final Pattern INVOCATION =
            Pattern.compile("(?:bin/benchmark|benchmarks/target/benchmarks\\.jar)((?: [^ `\"#\\n]+)*)");

    @Test
    void everyDocumentedInvocationParses() throws IOException {
        List<String> invocations = new ArrayList<>();
        for (Path file : documents()) {
            Matcher matcher = INVOCATION.matcher(text(file));
            while (matcher.find()) {
                invocations.add(matcher.group(1).trim());
            }
        }
        List<String> checked = invocations.stream()
                .filter(args -> !args.contains("<") && !args.contains("["))  // placeholders: "[--local-stack-jar <before>/...]"
                .toList();

        assertThat(checked).as("the docs show the benchmark's options").hasSizeGreaterThan(20)
                .anyMatch(args -> args.contains("--sweep")).anyMatch(args -> args.contains("--hops"))
                .anyMatch(args -> args.contains("--jit-warmup"));
        for (String args : checked) {
            assertThatCode(() -> BenchmarkOptions.parse(args.isEmpty() ? new String[0] : args.split(" ")))
                    .as("bin/benchmark %s", args).doesNotThrowAnyException();
        }
    }

    private static List<Path> documents() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/performance.md"))) {
            root = root.getParent();
            assertThat(root).as("the repository root, with docs/performance.md").isNotNull();
        }
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("bin/benchmark")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md") || file.toString().endsWith(".json")).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    /**
     * The file's text with prose lines joined, so that a command an inline code span wraps over two lines is read
     * whole; code blocks (and the script's lines) keep their line breaks.
     */
    private static String text(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (!file.toString().endsWith(".md")) {
            // bin/benchmark: only its comment lines are examples; its code mentions the jar otherwise
            return String.join("\n", file.endsWith("benchmark")
                    ? lines.stream().filter(line -> line.startsWith("#")).toList() : lines);
        }
        StringBuilder text = new StringBuilder();
        boolean code = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                code = !code;
                text.append('\n');
            } else {
                text.append(line).append(code || line.isBlank() ? "\n" : " ");
            }
        }
        return text.toString();
    }
}
