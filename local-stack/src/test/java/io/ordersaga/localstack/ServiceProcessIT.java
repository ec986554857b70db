package io.ordersaga.localstack;

import static io.ordersaga.localstack.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child process under the launcher's control, played by {@link FakeService}. */
class ServiceProcessIT {

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void prefixesAndLogsTheOutputReportsReadinessAndStopsGracefully() throws Exception {
        int port = TestSupport.freePort();
        ServiceProcess service = fake(port, Map.of("SERVER_PORT", String.valueOf(port)));

        service.start();
        await(Duration.ofSeconds(30), "the fake service is ready", () -> service.isReady(http));
        service.requestStop();
        boolean graceful = service.awaitStop(Duration.ofSeconds(15));

        assertThat(graceful).isTrue();
        assertThat(service.isAlive()).isFalse();
        String console = consoleBytes.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("[fake     ] fake starting on port " + port, "[fake     ] fake stopping");
        assertThat(Files.readString(service.logFile())).contains("fake starting on port " + port, "fake stopping")
                .doesNotContain("[fake");
    }

    @Test
    void aCrashIsVisibleWithTheTailOfItsOutput() throws Exception {
        int port = TestSupport.freePort();
        ServiceProcess service = fake(port, Map.of("SERVER_PORT", String.valueOf(port), "FAKE_FAIL", "true"));

        service.start();
        await(Duration.ofSeconds(30), "the fake service has exited", () -> !service.isAlive());
        service.awaitOutput();

        assertThat(service.exitValue()).isEqualTo(3);
        assertThat(service.isReady(http)).isFalse();
        assertThat(service.tail()).contains("boom: cannot start");
    }

    private ServiceProcess fake(int port, Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx32m", "-cp", TestSupport.testClasses().toString(),
                FakeService.class.getName());
        return new ServiceProcess("fake-service", "fake", command, env, dir.resolve("logs/fake.log"), port, console);
    }
}
