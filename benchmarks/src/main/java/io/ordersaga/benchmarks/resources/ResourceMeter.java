package io.ordersaga.benchmarks.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters the suite's processes while a run goes on: CPU seconds at any moment ({@link #snapshot()}), the CPU cores
 * in use over the last second for the progress lines, and each process's peak memory, sampled every second (a
 * tree's memory has no kernel-kept peak, so sampling is how it gets one).
 */
public final class ResourceMeter implements AutoCloseable {

    private final ProcFs proc;
    private final List<MeteredProcess> processes;
    private final Map<String, Long> peakMemory = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile double coresInUse;
    private volatile boolean running = true;

    public ResourceMeter(ProcFs proc, List<MeteredProcess> processes) {
        this.proc = proc;
        this.processes = List.copyOf(processes);
        this.sampler = new Thread(this::sample, "resource-meter");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    public List<MeteredProcess> processes() {
        return processes;
    }

    /** CPU seconds of each process so far, at one moment. */
    public CpuSnapshot snapshot() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (MeteredProcess process : processes) {
            cpu.put(process.name(), process.cpuSeconds(proc));
        }
        return new CpuSnapshot(System.nanoTime(), cpu, proc.machineBusySeconds().orElse(Double.NaN));
    }

    /** CPU cores the metered processes used over the last second, summed. */
    public double coresInUse() {
        return coresInUse;
    }

    /** The highest memory sampled for each process so far, in bytes. */
    public Map<String, Long> peakMemory() {
        recordMemory();
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (MeteredProcess process : processes) {
            peaks.put(process.name(), peakMemory.getOrDefault(process.name(), -1L));
        }
        return peaks;
    }

    private void sample() {
        CpuSnapshot last = snapshot();
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            CpuSnapshot now = snapshot();
            coresInUse = now.minus(last).values().stream().mapToDouble(Double::doubleValue).sum()
                    / ((now.nanoTime() - last.nanoTime()) / 1e9);
            last = now;
            recordMemory();
        }
    }

    private void recordMemory() {
        for (MeteredProcess process : processes) {
            process.memoryBytes(proc).ifPresent(bytes -> peakMemory.merge(process.name(), bytes, Math::max));
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /**
     * CPU seconds per process at one moment ({@link System#nanoTime()}), and the whole machine's busy seconds
     * ({@code NaN} without {@code /proc/stat}).
     */
    public record CpuSnapshot(long nanoTime, Map<String, Double> cpuSeconds, double machineSeconds) {

        /** The machine's busy CPU seconds since {@code earlier}, every process of it, metered or not. */
        public double machineSince(CpuSnapshot earlier) {
            return machineSeconds - earlier.machineSeconds;
        }

        /** Seconds used per process since {@code earlier}. */
        public Map<String, Double> minus(CpuSnapshot earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            cpuSeconds.forEach((name, seconds) ->
                    used.put(name, seconds - earlier.cpuSeconds.getOrDefault(name, seconds)));
            return used;
        }
    }
}
