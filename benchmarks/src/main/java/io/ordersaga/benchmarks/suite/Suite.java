package io.ordersaga.benchmarks.suite;

import io.ordersaga.sagaclient.SagaClient;
import io.ordersaga.tokenclient.TokenClient;
import java.net.URI;
import java.util.List;

/** The running ordersaga the benchmark loads: its four services, its broker and its database server. */
public interface Suite extends AutoCloseable {

    /** order, inventory, payment, shipping. */
    List<URI> serviceUrls();

    String kafkaBootstrap();

    SuiteDatabase database();

    /** The issuer whose tokens the services accept: {@code ORDERSAGA_ISSUER_URI}, else localhost:9000. */
    default URI issuer() {
        return TokenClient.issuerFromEnvironment();
    }

    /** How the suite was found or started, for the report. */
    String description();

    default SagaClient client() {
        List<URI> urls = serviceUrls();
        return new SagaClient(urls.get(0), urls.get(1), urls.get(2), urls.get(3));
    }

    @Override
    void close();
}
