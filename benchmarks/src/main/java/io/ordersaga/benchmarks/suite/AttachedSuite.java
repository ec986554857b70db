package io.ordersaga.benchmarks.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A suite someone else started (bin/local-stack, compose): used as it is, never stopped. */
public final class AttachedSuite implements Suite {

    private final List<URI> urls;
    private final String kafkaBootstrap;
    private final SuiteDatabase database;

    public AttachedSuite(List<URI> urls, String kafkaBootstrap, SuiteDatabase database) {
        this.urls = List.copyOf(urls);
        this.kafkaBootstrap = kafkaBootstrap;
        this.database = database;
    }

    /**
     * @throws IllegalStateException naming the first service that is not ready
     */
    public void verifyReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (URI url : urls) {
            URI readiness = url.resolve("/actuator/health/readiness");
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                throw new IllegalStateException("No service answers at " + url + " (" + e + "). Start the suite"
                        + " (bin/local-stack), pass its addresses (--order-url ...), or use --mode self-contained.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted");
            }
            if (status != 200) {
                throw new IllegalStateException(readiness + " answered " + status + ": the service is not ready.");
            }
        }
    }

    @Override
    public List<URI> serviceUrls() {
        return urls;
    }

    @Override
    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    @Override
    public SuiteDatabase database() {
        return database;
    }

    @Override
    public String description() {
        return "attached to a running suite at " + urls.get(0) + " ... (broker " + kafkaBootstrap + ")";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
