package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's log file, read in parts: a mark is its size at a moment, so later output can be read on its own. */
record LogFile(Path path) {

    /** The log's size now. */
    long mark() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines written after {@code mark} contain {@code text}. */
    long countSince(long mark, String text) {
        return linesBetween(mark, Long.MAX_VALUE).stream().filter(line -> line.contains(text)).count();
    }

    /** The lines written between two marks. */
    List<String> linesBetween(long from, long to) {
        try {
            if (!Files.exists(path)) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(path);
            int start = (int) Math.min(from, bytes.length);
            int end = (int) Math.min(to, bytes.length);
            return new String(bytes, start, Math.max(0, end - start), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
