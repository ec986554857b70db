package io.ordersaga.benchmarks.resources;

import java.util.List;
import java.util.OptionalLong;

/**
 * One metered process of the suite, or a process tree where the work is spread over children: PostgreSQL runs one
 * backend process per connection under its postmaster.
 *
 * @param name what the report calls it, e.g. "order-service" or "postgresql"
 * @param pid the process, or the root of the tree
 * @param tree whether its descendants count as part of it
 */
public record MeteredProcess(String name, long pid, boolean tree) {

    public static MeteredProcess single(String name, long pid) {
        return new MeteredProcess(name, pid, false);
    }

    public static MeteredProcess tree(String name, long pid) {
        return new MeteredProcess(name, pid, true);
    }

    /**
     * CPU seconds used so far. A tree counts its live members and, through the root's {@code cutime}/{@code cstime},
     * the members that exited, so a backend that ends between two readings keeps its share.
     */
    public double cpuSeconds(ProcFs proc) {
        double total = 0;
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

    private List<Long> descendants() {
        return ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }
}
