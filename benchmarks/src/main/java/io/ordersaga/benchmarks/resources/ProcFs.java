package io.ordersaga.benchmarks.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads what Linux's {@code /proc} says about a process: CPU time from {@code stat}, peak and current resident
 * memory from {@code status}, proportional memory from {@code smaps_rollup}. Every reader returns empty when the
 * process is gone or not ours to read, so a meter never fails a run.
 */
public final class ProcFs {

    /** Linux reports CPU time in clock ticks; USER_HZ is 100 on every architecture the JDK runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private final Path root;

    public ProcFs() {
        this(Path.of("/proc"));
    }

    ProcFs(Path root) {
        this.root = root;
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** CPU time of one process, in seconds, split into its own and that of its waited-for (exited) children. */
    public record CpuTimes(double ownSeconds, double reapedChildrenSeconds) {
    }

    public Optional<CpuTimes> cpu(long pid) {
        return read(pid, "stat").flatMap(ProcFs::parseStat);
    }

    /**
     * CPU seconds the whole machine has been busy since boot, summed over its cores, from the first line of
     * {@code /proc/stat}: user + nice + system + irq + softirq + steal (guest time is already inside user and nice;
     * idle and iowait are not busy).
     */
    public OptionalDouble machineBusySeconds() {
        try {
            String text = Files.readString(root.resolve("stat"), StandardCharsets.ISO_8859_1);
            return parseMachineBusy(text.substring(0, text.indexOf('\n')));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble parseMachineBusy(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return OptionalDouble.empty();
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
            busy += Long.parseLong(f[i]);
        }
        return OptionalDouble.of(busy / TICKS_PER_SECOND);
    }

    /** CPU seconds of each live thread of a process, by its name ({@code comm}, at most 15 characters), summed. */
    public Map<String, Double> threadCpu(long pid) {
        Map<String, Double> byName = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    parseStat(stat).ifPresent(t -> byName.merge(name, t.ownSeconds(), Double::sum));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byName;
    }

    /** {@code VmHWM}: the most resident memory the process has had, in bytes. */
    public OptionalLong peakResidentBytes(long pid) {
        return read(pid, "status").map(text -> field(text, "VmHWM:")).orElse(OptionalLong.empty());
    }

    /** {@code Pss} of {@code smaps_rollup}: resident memory with shared pages divided among their sharers. */
    public OptionalLong proportionalBytes(long pid) {
        return read(pid, "smaps_rollup").map(text -> field(text, "Pss:")).orElse(OptionalLong.empty());
    }

    /** The command line, arguments joined by spaces. */
    public Optional<String> commandLine(long pid) {
        return read(pid, "cmdline").map(text -> text.replace('\0', ' ').trim());
    }

    /**
     * Fields 14 to 17 of {@code /proc/<pid>/stat} (utime, stime, cutime, cstime), counted after the command name,
     * which is in parentheses and may itself contain spaces and parentheses.
     */
    static Optional<CpuTimes> parseStat(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 2).trim().split("\\s+");
        if (fields.length < 15) {
            return Optional.empty();
        }
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        long cutime = Long.parseLong(fields[13]);
        long cstime = Long.parseLong(fields[14]);
        return Optional.of(new CpuTimes((utime + stime) / TICKS_PER_SECOND, (cutime + cstime) / TICKS_PER_SECOND));
    }

    /** A {@code Name:   1234 kB} line, in bytes. */
    static OptionalLong field(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                List<String> parts = List.of(line.substring(name.length()).trim().split("\\s+"));
                long value = Long.parseLong(parts.get(0));
                return OptionalLong.of(parts.size() > 1 && parts.get(1).equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(root.resolve(Long.toString(pid)).resolve(file),
                    StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
