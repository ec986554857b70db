package io.ordersaga.localstack;

import static io.ordersaga.localstack.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's lock, wipe, and clean-up after a launcher that was killed with SIGKILL. */
class DataDirectoryIT {

    @TempDir
    Path dir;

    @Test
    void aServiceLeftByAKilledLauncherIsStoppedByTheNextOne() throws Exception {
        int port = TestSupport.freePort();
        ServiceProcess orphan = new ServiceProcess("fake-service", "fake", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-cp",
                TestSupport.testClasses().toString(), FakeService.class.getName()),
                Map.of("SERVER_PORT", String.valueOf(port)), dir.resolve("fake.log"), port,
                new PrintStream(new ByteArrayOutputStream()));
        DataDirectory killed = new DataDirectory(dir.resolve("stack"));
        killed.lock();
        orphan.start();
        killed.recordServices(List.of(orphan));
        killed.close(); // the launcher dies; its lock goes with it, the child does not

        DataDirectory next = new DataDirectory(dir.resolve("stack"));
        try {
            next.lock();
            List<String> stopped = next.stopOrphanedServices();

            assertThat(stopped).containsExactly("fake-service (pid " + orphan.handle().pid() + ")");
            await(Duration.ofSeconds(20), "the orphan has stopped", () -> !orphan.isAlive());
            assertThat(next.stopOrphanedServices()).isEmpty();
        } finally {
            next.close();
            orphan.requestStop();
            orphan.awaitStop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRecordedPidNowUsedByAnotherProcessIsLeftAlone() throws Exception {
        DataDirectory data = new DataDirectory(dir);
        data.lock();
        try {
            long myPid = ProcessHandle.current().pid();
            Files.writeString(dir.resolve("services.pids"), myPid + " 2001-01-01T00:00:00Z order-service\n");

            assertThat(data.stopOrphanedServices()).isEmpty();
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        } finally {
            data.close();
        }
    }

    @Test
    void oneLauncherPerDirectoryAndWipeKeepsOnlyTheLock() throws Exception {
        DataDirectory first = new DataDirectory(dir);
        first.lock();
        try {
            Files.createDirectories(first.kafka().resolve("data"));
            Files.createDirectories(first.postgres());
            Files.writeString(first.postgres().resolve("PG_VERSION"), "17");
            Files.writeString(first.root().resolve("services.pids"), "");

            assertThatThrownBy(() -> new DataDirectory(dir).lock()).isInstanceOf(StartupException.class)
                    .hasMessageContaining("Another local-stack is already running");

            first.wipe();
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("local-stack.lock");
            }
        } finally {
            first.close();
        }
    }
}
