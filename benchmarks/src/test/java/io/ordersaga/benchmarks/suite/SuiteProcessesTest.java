package io.ordersaga.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuiteProcessesTest {

    @Test
    void onlyPortsOnThisMachineAreMetered() {
        assertThat(SuiteProcesses.localPort("localhost:9092")).hasValue(9092);
        assertThat(SuiteProcesses.localPort("127.0.0.1:19092")).hasValue(19092);
        assertThat(SuiteProcesses.localPort("kafka-1.internal:9092")).isEmpty();
        assertThat(SuiteProcesses.jdbcPort("jdbc:postgresql://localhost:5432/postgres")).hasValue(5432);
        assertThat(SuiteProcesses.jdbcPort("jdbc:postgresql://localhost/postgres")).hasValue(5432);
        assertThat(SuiteProcesses.jdbcPort("jdbc:postgresql://db.internal:5432/postgres")).isEmpty();
    }

    @Test
    void theLogPumpThreadsAreNamedAsLinuxKeepsThem() {
        // ServiceProcess names them "<service>-output"; /proc keeps 15 characters of a thread's name
        assertThat(SuiteProcesses.LOG_PUMP_THREADS).containsExactly("order-service-o", "inventory-servi",
                "payment-service", "shipping-servic", "analytics-servi", "auth-server-out");
        assertThat(SuiteProcesses.threadName("short")).isEqualTo("short");
    }
}
