package io.ordersaga.benchmarks.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class MeteredProcessTest {

    private final long self = ProcessHandle.current().pid();

    @Test
    void aTreeFindsTheChildrenAndGrandchildrenOfItsRoot() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
        try {
            MeteredProcess tree = MeteredProcess.tree("this test", self);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> tree.descendants().size() >= 2);

            assertThat(tree.descendants()).contains(shell.pid());
            assertThat(tree.descendants()).containsAll(shell.toHandle().children().map(ProcessHandle::pid).toList());
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSingleProcessReportsItsOwnCpuAndPeakResidentMemory() {
        MeteredProcess single = MeteredProcess.single("this test", self);
        ProcFs proc = new ProcFs();

        assertThat(single.cpuSeconds(proc)).isPositive();
        assertThat(single.memoryBytes(proc)).isPresent();
        assertThat(single.memoryBytes(proc).getAsLong()).isGreaterThan(1L << 20);
        assertThat(single.isAlive()).isTrue();
    }
}
