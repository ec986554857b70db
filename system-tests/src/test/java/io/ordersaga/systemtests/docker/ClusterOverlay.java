package io.ordersaga.systemtests.docker;

import java.util.Map;

/**
 * docker-compose.cluster.yml's settings, read from the file itself, for the fault suite's cluster: it runs the same
 * three KRaft nodes without Docker, so whatever the overlay says about replication, the suite tests.
 */
public final class ClusterOverlay {

    private static final String FILE = "docker-compose.cluster.yml";

    private ClusterOverlay() {
    }

    /** The environment every broker of the overlay shares (its node 2's, anchors merged, {@code .env} applied). */
    public static Map<String, String> brokerEnvironment() {
        return ComposeFile.load(FILE).service("kafka-2").environment();
    }

    /** What the overlay adds to a service's environment (the same for all four). */
    public static Map<String, String> serviceEnvironment() {
        return ComposeFile.load(FILE).service("payment-service").environment();
    }
}
