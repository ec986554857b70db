package io.ordersaga.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackSuiteTest {

    @Test
    void theServicesOfAPrivateStackLogToAFileEachAndOnlyWarnOnTheConsole() {
        String flags = LocalStackSuite.withLogFiles(" -Xmx384m -XX:+UseSerialGC ", Path.of("/tmp/run-1/logs"));

        assertThat(flags).isEqualTo("-Xmx384m -XX:+UseSerialGC"
                + " -Dlogging.file.name=/tmp/run-1/logs/${spring.application.name}.log -Dlogging.threshold.console=WARN");
        assertThat(flags).doesNotContain("  ").as("the launcher splits the flags at spaces").doesNotStartWith(" ");
    }
}
