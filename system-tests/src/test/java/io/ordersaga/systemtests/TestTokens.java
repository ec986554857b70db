package io.ordersaga.systemtests;

import io.ordersaga.messaging.testing.TestIssuer;
import io.ordersaga.sagaclient.SagaClient;

/** {@link SagaClient}'s tokens from the JVM's {@link TestIssuer}, which the services under test trust. */
public final class TestTokens implements SagaClient.Tokens {

    private final TestIssuer issuer = TestIssuer.shared();

    @Override
    public String customer(String customerId) {
        return issuer.customer(customerId);
    }

    @Override
    public String staff() {
        return issuer.staff();
    }

    @Override
    public String admin() {
        return issuer.admin();
    }
}
