package io.ordersaga.benchmarks.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JitCompilationsTest {

    @Test
    void theCompileCountIsReadFromJcmdsPerfCounters() {
        String output = "4242:\nsun.ci.lastMethod=\"java/lang/String hashCode\"\nsun.ci.totalBailouts=3\n"
                + "sun.ci.totalCompiles=18734\nsun.ci.totalInvalidates=0\n";

        assertThat(JitCompilations.parse(output)).hasValue(18734);
        assertThat(JitCompilations.parse("4242:\nCould not attach\n")).isEmpty();
    }

    @Test
    void quietWhenEveryJvmCompilesFewerThanTheThresholdAMinute() {
        Map<String, Long> before = Map.of("order-service", 10_000L, "payment-service", 8_000L);

        // 30 s: order-service +20 (40/min), payment-service +30 (60/min)
        assertThat(JitCompilations.quiet(before, Map.of("order-service", 10_020L, "payment-service", 8_030L), 30, 50))
                .isFalse();
        assertThat(JitCompilations.quiet(before, Map.of("order-service", 10_020L, "payment-service", 8_020L), 30, 50))
                .isTrue();
        assertThat(JitCompilations.rate(100, 400, 20)).isEqualTo(900.0);
    }

    @Test
    void jcmdReadsThisVeryJvm() {
        assertThat(JitCompilations.total(ProcessHandle.current().pid())).isPresent();
    }
}
