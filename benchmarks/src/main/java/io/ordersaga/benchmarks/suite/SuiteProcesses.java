package io.ordersaga.benchmarks.suite;

import io.ordersaga.benchmarks.resources.ListeningPorts;
import io.ordersaga.benchmarks.resources.MeteredProcess;
import io.ordersaga.benchmarks.resources.ProcFs;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds the suite's processes by the ports they listen on: the broker, PostgreSQL (its postmaster and every
 * backend under it), the four saga services, analytics-service when it runs (it is part of the local stack, and
 * every saga record passes through its Kafka Streams topology), and the load generator itself. A suite on another host, or in containers
 * this user cannot see into, is simply not metered.
 */
public final class SuiteProcesses {

    public static final String LOAD_GENERATOR = "load generator";
    public static final String BROKER = "kafka broker";
    public static final String POSTGRES = "postgresql";
    private static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "shipping-service");
    /** analytics-service's default port; it has no address option because the saga does not need it. */
    static final int ANALYTICS_PORT = 8085;
    public static final String LOG_PUMP = "local-stack log pump";
    static final List<String> LOG_PUMP_THREADS = java.util.stream.Stream.concat(SERVICES.stream(),
            java.util.stream.Stream.of("analytics-service", "auth-server")).map(s -> threadName(s + "-output"))
            .toList();
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** A metered process with its command line, for the report. */
    public record Found(MeteredProcess process, String commandLine) {
    }

    private SuiteProcesses() {
    }

    public static List<Found> find(Suite suite) {
        ProcFs proc = new ProcFs();
        ListeningPorts ports = new ListeningPorts();
        List<Found> found = new ArrayList<>();
        localPort(suite.kafkaBootstrap().split(",")[0].trim()).ifPresent(port -> ports.pidListeningOn(port)
                .ifPresent(pid -> found.addAll(broker(pid, proc))));
        jdbcPort(suite.database().url()).ifPresent(port -> ports.pidListeningOn(port)
                .ifPresent(pid -> found.add(found(MeteredProcess.tree(POSTGRES, pid), proc))));
        for (int i = 0; i < SERVICES.size(); i++) {
            URI url = suite.serviceUrls().get(i);
            if (LOCAL_HOSTS.contains(url.getHost())) {
                OptionalLong pid = ports.pidListeningOn(url.getPort());
                String name = SERVICES.get(i);
                pid.ifPresent(p -> found.add(found(MeteredProcess.single(name, p), proc)));
            }
        }
        if (LOCAL_HOSTS.contains(suite.serviceUrls().get(0).getHost())) {
            ports.pidListeningOn(ANALYTICS_PORT)
                    .ifPresent(pid -> found.add(found(MeteredProcess.single("analytics-service", pid), proc)));
        }
        found.add(found(MeteredProcess.single(LOAD_GENERATOR, ProcessHandle.current().pid()), proc));
        return found;
    }

    /**
     * The broker; when it runs inside local-stack's JVM, that JVM's threads that copy each service's output
     * (ServiceProcess's "&lt;service&gt;-output") are metered apart as {@link #LOG_PUMP}, so the broker is not
     * charged for the services' logging.
     */
    private static List<Found> broker(long pid, ProcFs proc) {
        String commandLine = proc.commandLine(pid).orElse("");
        MeteredProcess broker = MeteredProcess.single(BROKER, pid);
        if (!commandLine.contains("local-stack")) {
            return List.of(new Found(broker, commandLine));
        }
        return List.of(new Found(broker.without(LOG_PUMP_THREADS), commandLine),
                new Found(MeteredProcess.threads(LOG_PUMP, pid, LOG_PUMP_THREADS), commandLine));
    }

    /** A thread's name as Linux keeps it ({@code comm}): its first 15 characters. */
    static String threadName(String name) {
        return name.length() <= 15 ? name : name.substring(0, 15);
    }

    private static Found found(MeteredProcess process, ProcFs proc) {
        return new Found(process, proc.commandLine(process.pid()).orElse(""));
    }

    /** The port of {@code host:port} when the host is this machine. */
    static OptionalInt localPort(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || !LOCAL_HOSTS.contains(hostAndPort.substring(0, colon))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** The port of {@code jdbc:postgresql://host:port/db} when the host is this machine (5432 when none is given). */
    static OptionalInt jdbcPort(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (!LOCAL_HOSTS.contains(uri.getHost())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(uri.getPort() < 0 ? 5432 : uri.getPort());
    }
}
