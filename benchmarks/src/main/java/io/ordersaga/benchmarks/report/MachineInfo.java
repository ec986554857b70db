package io.ordersaga.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine: cores, CPU model, memory, OS, JVM and how busy it was. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static BenchmarkReport.Machine read(double loadBefore, double loadAfter) {
        return new BenchmarkReport.Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), memoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), loadBefore,
                loadAfter);
    }

    /** The 1-minute load average, or NaN where {@code /proc/loadavg} does not exist. */
    public static double loadAverage() {
        String text = read(Path.of("/proc/loadavg"));
        try {
            return text.isEmpty() ? Double.NaN : Double.parseDouble(text.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String cpuModel() {
        for (String line : read(Path.of("/proc/cpuinfo")).split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static long memoryBytes() {
        for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
