package io.ordersaga.localstack;

import static io.ordersaga.localstack.TestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full launcher with the services played by {@link FakeService} jars at the paths the real ones are built to.
 * Needs the services' fixed ports 8081-8085 and the issuer's 9000, so it is skipped where something else holds them.
 */
class LocalStackServicesIT {

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @TempDir
    Path repoRoot;

    private Options options;

    @BeforeEach
    void fakeServiceJars() throws Exception {
        assumeTrue(ServiceSpec.ALL.stream().allMatch(spec -> PortCheck.isFree(spec.port())),
                "ports 8081-8085 or 9000 are in use");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            TestSupport.writeFakeServiceJar(spec.jar(repoRoot));
        }
        options = Options.parse("--repo-root", repoRoot.toString(), "--data-dir", repoRoot.resolve(".local-stack")
                        .toString(), "--no-demo-data", "--ready-timeout", "60", "--service-jvm-opts", "-Xmx32m")
                .withPorts(freePort(), freePort(), freePort());
    }

    @Test
    void startsEveryServiceWithItsEnvironmentAndStopsThemAll() throws Exception {
        LocalStack stack = new LocalStack(options, console);
        try {
            stack.start();
            stack.printSummary();
        } finally {
            stack.close();
        }

        Path logs = stack.dataDirectory().logs();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String log = Files.readString(logs.resolve(spec.module() + ".log"));
            assertThat(log).contains("env SERVER_PORT=" + spec.port(), "fake stopping");
            assertThat(PortCheck.isFree(spec.port())).as("%s stopped", spec.module()).isTrue();
            if (spec.isIssuer()) {
                assertThat(log).contains("env ORDERSAGA_ISSUER_URI=http://localhost:9000",
                        "env ORDERSAGA_AUTH_KEYS_DIR=" + stack.dataDirectory().root().resolve("auth"),
                        "env KAFKA_BOOTSTRAP_SERVERS=null");
                continue;
            }
            assertThat(log).contains(
                    "env KAFKA_BOOTSTRAP_SERVERS=" + stack.kafka().bootstrapServers(),
                    "env ORDERSAGA_DEMO_DATA=false",
                    "env ORDERSAGA_SECURITY_ISSUER_URI=http://localhost:9000");
            if (spec.hasDatabase()) {
                assertThat(log).contains(
                        "env SPRING_DATASOURCE_URL=" + stack.postgres().jdbcUrl(spec.database()),
                        "env SPRING_DATASOURCE_USERNAME=" + spec.database(),
                        "env SPRING_DATASOURCE_PASSWORD=" + spec.database());
            } else {
                assertThat(log).as("%s has no database", spec.module()).contains("env SPRING_DATASOURCE_URL=null");
            }
        }
        assertThat(consoleBytes.toString(StandardCharsets.UTF_8))
                .contains("[order    ] fake ready", "[inventory] fake ready", "[payment  ] fake ready",
                        "[shipping ] fake ready", "[analytics] fake ready", "[auth     ] fake ready")
                .contains("analytics-service   http://localhost:8085", "auth-server         http://localhost:9000")
                .contains("bin/token alice", "-H \"Authorization: Bearer $(bin/token alice)\"")
                .doesNotContain("user and password: null")
                .contains("curl -s -i -X POST localhost:8081/orders", "--topic order.events --from-beginning");
        assertThat(stack.dataDirectory().root().resolve("services.pids")).doesNotExist();
    }

    @Test
    void aServiceThatDiesOnStartStopsTheLaunchWithItsLastLines() throws Exception {
        Files.writeString(ServiceSpec.ALL.get(3).jar(repoRoot).resolveSibling("fail"), "");
        LocalStack stack = new LocalStack(options, console);
        try {
            assertThatThrownBy(stack::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining("shipping-service exited with code 3 before it was ready")
                    .hasMessageContaining("boom: cannot start");
        } finally {
            stack.close();
        }
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(PortCheck.isFree(spec.port())).as("%s stopped", spec.module()).isTrue();
        }
    }

    @Test
    void missingJarsAreNamedWithTheBuildCommand() throws Exception {
        Files.delete(ServiceSpec.ALL.get(0).jar(repoRoot));
        LocalStack stack = new LocalStack(options, console);
        try {
            assertThatThrownBy(stack::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining("order-service-exec.jar")
                    .hasMessageNotContaining("inventory-service-exec.jar")
                    .hasMessageContaining("./mvnw -B package -DskipTests");
        } finally {
            stack.close();
        }
        assertThat(options.dataDir()).doesNotExist();
    }
}
