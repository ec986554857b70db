package io.ordersaga.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes the report as indented JSON, the form later runs and other machines are compared with. */
public final class ResultsJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsJson() {
    }

    public static void write(BenchmarkReport report, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(report));
    }

    public static BenchmarkReport read(Path file) throws IOException {
        return JSON.readValue(Files.readString(file), BenchmarkReport.class);
    }
}
