package io.ordersaga.benchmarks.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's producer throughput with {@code acks=all}, measured by Kafka's own
 * {@code org.apache.kafka.tools.ProducerPerformance} in a JVM of its own (so its CPU and JIT do not mix with the
 * load generator's), on a scratch topic with the saga topics' partition count and records of a saga event's size.
 */
public final class ProducerLimit {

    private static final Pattern TOTAL = Pattern.compile("^(\\d+)( steady state)? records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, "
            + "(\\d+) ms 99th, (\\d+) ms 99.9th\\.");

    /**
     * What ProducerPerformance reported in its final total line.
     *
     * @param latencyP50Ms send-to-acknowledgement latency, as the tool measures it (whole milliseconds)
     */
    public record Result(long records, int recordSize, double recordsPerSecond, double megabytesPerSecond,
                         double latencyAvgMs, long latencyP50Ms, long latencyP99Ms, String command) {
    }

    private ProducerLimit() {
    }

    public static Result measure(String bootstrapServers, String topic, long records, int recordSize)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance"));
        List<String> toolArgs = List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all",
                "client.id=ordersaga-benchmark-producer-limit");
        command.addAll(toolArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("ProducerPerformance did not finish within 5 minutes");
        }
        String shown = "kafka ProducerPerformance " + String.join(" ", toolArgs);
        return parse(output, recordSize, shown).orElseThrow(() -> new IOException(
                "ProducerPerformance printed no total (exit " + process.exitValue() + "):\n  "
                        + String.join("\n  ", output.subList(Math.max(0, output.size() - 10), output.size()))));
    }

    /** The steady-state total line if the tool printed one (newer versions, with warm-up records), else the total. */
    static Optional<Result> parse(List<String> output, int recordSize, String command) {
        Result total = null;
        for (String line : output) {
            Matcher m = TOTAL.matcher(line.trim());
            if (m.find()) {
                Result result = new Result(Long.parseLong(m.group(1)), recordSize, Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Long.parseLong(m.group(7)),
                        Long.parseLong(m.group(9)), command);
                if (m.group(2) != null || total == null) {
                    total = result;
                }
            }
        }
        return Optional.ofNullable(total);
    }
}
