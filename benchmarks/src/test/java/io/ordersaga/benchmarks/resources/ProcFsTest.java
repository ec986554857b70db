package io.ordersaga.benchmarks.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @Test
    void cpuTimeIsReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 250 150 30 20 20 0 40 0 12345"
                + " 4000000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 17663";

        ProcFs.CpuTimes times = ProcFs.parseStat(stat).orElseThrow();

        assertThat(times.ownSeconds()).isEqualTo(4.0);          // utime 250 + stime 150 ticks
        assertThat(times.reapedChildrenSeconds()).isEqualTo(0.5); // cutime 30 + cstime 20 ticks
    }

    @Test
    void memoryFieldsAreConvertedFromKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 100000 kB\n";

        assertThat(ProcFs.field(status, "VmHWM:")).hasValue(123456L * 1024);
        assertThat(ProcFs.field(status, "VmSwap:")).isEmpty();
    }

    @Test
    void readsAProcessDirectoryAndIsEmptyForAProcessThatIsGone(@TempDir Path proc) throws IOException {
        Path process = Files.createDirectories(proc.resolve("77"));
        Files.writeString(process.resolve("status"), "VmHWM:\t2048 kB\n");
        Files.writeString(process.resolve("smaps_rollup"), "Rss:  3000 kB\nPss:   1000 kB\n");
        Files.writeString(process.resolve("cmdline"), "java\0-Xmx1g\0-jar\0app.jar\0");
        ProcFs procFs = new ProcFs(proc);

        assertThat(procFs.peakResidentBytes(77)).hasValue(2048L * 1024);
        assertThat(procFs.proportionalBytes(77)).hasValue(1000L * 1024);
        assertThat(procFs.commandLine(77)).hasValue("java -Xmx1g -jar app.jar");
        assertThat(procFs.cpu(78)).isEmpty();
        assertThat(procFs.peakResidentBytes(78)).isEmpty();
    }

    @Test
    void theMachineIsBusyInUserNiceSystemIrqSoftirqAndStealNotIdleOrIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String line = "cpu  1000 50 300 90000 700 10 20 5 400 0";

        assertThat(ProcFs.parseMachineBusy(line)).hasValue((1000 + 50 + 300 + 10 + 20 + 5) / 100.0);
        assertThat(ProcFs.parseMachineBusy("cpu0 1 2 3 4 5 6 7 8")).isEmpty();
    }

    @Test
    void aProcessesThreadsAreSummedByNameAndThePumpsAreMeteredApartFromTheBroker(@TempDir Path root) throws IOException {
        thread(root, 7, 7, "java", 100, 50);
        thread(root, 7, 8, "order-service-o", 30, 10);
        thread(root, 7, 9, "kafka-request-h", 200, 100);
        thread(root, 7, 10, "kafka-request-h", 100, 0);
        Files.writeString(root.resolve("stat"), "cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");

        ProcFs proc = new ProcFs(root);

        assertThat(proc.threadCpu(7)).containsEntry("java", 1.5).containsEntry("order-service-o", 0.4)
                .containsEntry("kafka-request-h", 4.0);
        assertThat(proc.machineBusySeconds()).hasValue(0.27);
        assertThat(MeteredProcess.threads("pump", 7, java.util.List.of("order-service-o")).cpuSeconds(proc))
                .isEqualTo(0.4);
        // the process: 5.9 s in all its threads; the broker is what is left without the pump's 0.4 s
        Files.writeString(root.resolve("7").resolve("stat"), "7 (java) S 1 1 1 0 -1 0 0 0 0 0 430 160 0 0 20 0 1 0 1 1 1");
        assertThat(MeteredProcess.single("broker", 7).without(java.util.List.of("order-service-o")).cpuSeconds(proc))
                .isCloseTo(5.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static void thread(Path root, long pid, long tid, String name, long utime, long stime) throws IOException {
        Path task = root.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid));
        Files.createDirectories(task);
        Files.writeString(task.resolve("stat"), tid + " (" + name + ") S 1 1 1 0 -1 0 0 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 1 0 1 1 1");
    }
}
