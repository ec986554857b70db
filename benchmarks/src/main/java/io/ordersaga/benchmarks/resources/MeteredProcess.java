package io.ordersaga.benchmarks.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One metered process of the suite, or a process tree where the work is spread over children: PostgreSQL runs one
 * backend process per connection under its postmaster.
 *
 * @param name what the report calls it, e.g. "order-service" or "postgresql"
 * @param pid the process, or the root of the tree
 * @param tree whether its descendants count as part of it
 * @param threads thread name prefixes that are metered apart: with {@code threadsOnly} they are all this process
 *                counts, without it they are left out of it (local-stack's JVM runs the broker and also copies
 *                every service's output line by line; that copy is not the broker's work)
 * @param threadsOnly whether only the {@code threads} count
 */
public record MeteredProcess(String name, long pid, boolean tree, List<String> threads, boolean threadsOnly) {

    public MeteredProcess {
        threads = List.copyOf(threads);
    }

    public static MeteredProcess single(String name, long pid) {
        return new MeteredProcess(name, pid, false, List.of(), false);
    }

    public static MeteredProcess tree(String name, long pid) {
        return new MeteredProcess(name, pid, true, List.of(), false);
    }

    /** The process without the threads named by {@code prefixes}. */
    public MeteredProcess without(List<String> prefixes) {
        return new MeteredProcess(name, pid, tree, prefixes, false);
    }

    /** Only the threads of {@code pid} named by {@code prefixes}, as a process of its own. */
    public static MeteredProcess threads(String name, long pid, List<String> prefixes) {
        return new MeteredProcess(name, pid, false, prefixes, true);
    }

    /**
     * CPU seconds used so far. A tree counts its live members and, through the root's {@code cutime}/{@code cstime},
     * the members that exited, so a backend that ends between two readings keeps its share.
     */
    public double cpuSeconds(ProcFs proc) {
        double apart = 0;
        if (!threads.isEmpty()) {
            for (Map.Entry<String, Double> thread : proc.threadCpu(pid).entrySet()) {
                if (threads.stream().anyMatch(thread.getKey()::startsWith)) {
                    apart += thread.getValue();
                }
            }
            if (threadsOnly) {
                return apart;
            }
        }
        double total = -apart;
        ProcFs.CpuTimes root = proc.cpu(pid).orElse(new ProcFs.CpuTimes(0, 0));
        total += root.ownSeconds();
        if (tree) {
            total += root.reapedChildrenSeconds();
            for (long member : descendants()) {
                total += proc.cpu(member).map(ProcFs.CpuTimes::ownSeconds).orElse(0.0);
            }
        }
        return total;
    }

    /**
     * Memory now: a single process's peak resident size so far ({@code VmHWM}); a tree's summed proportional size,
     * which counts the shared buffers once instead of once per backend.
     */
    public OptionalLong memoryBytes(ProcFs proc) {
        if (threadsOnly) {
            return OptionalLong.empty(); // the memory is the whole process's, reported under its other name
        }
        if (!tree) {
            return proc.peakResidentBytes(pid);
        }
        OptionalLong root = proc.proportionalBytes(pid);
        if (root.isEmpty()) {
            return root;
        }
        long sum = root.getAsLong();
        for (long member : descendants()) {
            sum += proc.proportionalBytes(member).orElse(0);
        }
        return OptionalLong.of(sum);
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The tree below the root, from each process's {@code /proc/<pid>/task/<tid>/children}: much cheaper than
     * {@link ProcessHandle#descendants()}, which scans every process of the machine, and this runs every second.
     */
    List<Long> descendants() {
        List<Long> found = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(pid));
        while (!pending.isEmpty()) {
            long parent = pending.pop();
            for (long child : children(parent)) {
                found.add(child);
                pending.push(child);
            }
        }
        return found;
    }

    /** Children are listed per thread that forked them, so every thread of the parent is read. */
    private static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(parent), "task"))) {
            for (Path task : tasks) {
                String text = Files.readString(task.resolve("children"), StandardCharsets.ISO_8859_1).trim();
                for (String child : text.isEmpty() ? new String[0] : text.split("\\s+")) {
                    children.add(Long.parseLong(child));
                }
            }
            return children;
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(parent).map(p -> p.children().map(ProcessHandle::pid).toList()).orElse(List.of());
        }
    }
}
