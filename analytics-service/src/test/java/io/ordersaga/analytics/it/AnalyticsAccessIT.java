package io.ordersaga.analytics.it;

import static io.ordersaga.messaging.testing.ApiAccess.admin;
import static io.ordersaga.messaging.testing.ApiAccess.customer;
import static io.ordersaga.messaging.testing.ApiAccess.forbidden;
import static io.ordersaga.messaging.testing.ApiAccess.noToken;
import static io.ordersaga.messaging.testing.ApiAccess.refusesEveryBadToken;
import static io.ordersaga.messaging.testing.ApiAccess.staff;
import static org.awaitility.Awaitility.await;

import io.ordersaga.analytics.AnalyticsIntegrationTest;
import io.ordersaga.analytics.SagaEvents;
import io.ordersaga.messaging.testing.TestIssuer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * The access catalogue of analytics-service, with tokens of a real issuer: what spans customers (saga, revenue,
 * dashboard, the live stream) is the admin's; a customer reads their own statistics and timelines; the dashboard
 * page itself is open. Refusals are 401 or 403 as problem+json.
 */
class AnalyticsAccessIT extends AnalyticsIntegrationTest {

    private static final ResultMatcher OK = MockMvcResultMatchers.status().isOk();

    @Autowired MockMvc mvc;

    @Test
    void everyEndpointRefusesAMissingExpiredForeignOrForgedToken() throws Exception {
        for (String path : new String[] {"/api/saga", "/api/revenue", "/api/dashboard", "/api/stream",
                "/api/customers/alice", "/api/orders/" + UUID.randomUUID() + "/timeline"}) {
            refusesEveryBadToken(mvc, () -> call(path));
        }
    }

    @Test
    void whatSpansCustomersIsTheAdminsAndThePageIsOpen() throws Exception {
        for (String path : new String[] {"/api/saga", "/api/revenue", "/api/dashboard", "/api/stream"}) {
            forbidden(mvc, call(path).with(customer("alice")));
            forbidden(mvc, call(path).with(staff()));
        }
        mvc.perform(call("/api/saga").with(admin())).andExpect(OK);
        mvc.perform(call("/").with(noToken())).andExpect(OK);
        mvc.perform(call("/dashboard.js").with(noToken())).andExpect(OK);
    }

    /** EventSource cannot send a header: the stream, and only the stream, takes the token as a query parameter. */
    @Test
    void theLiveStreamTakesTheAdminsTokenAsAQueryParameterAndNothingElseDoes() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        mvc.perform(call("/api/stream").with(noToken()).param("access_token", issuer.admin()))
                .andExpect(MockMvcResultMatchers.request().asyncStarted());
        forbidden(mvc, call("/api/stream").with(noToken()).param("access_token", issuer.customer("alice")));
        mvc.perform(call("/api/saga").with(noToken()).param("access_token", issuer.admin()))
                .andExpect(MockMvcResultMatchers.status().isUnauthorized());
    }

    @Test
    void aCustomerReadsOnlyTheirOwnStatisticsAndTimelines() throws Exception {
        String alice = uniqueCustomer("alice");
        UUID orderId = UUID.randomUUID();
        sendAt(SagaEvents.placed(orderId, alice), Instant.now());
        await().atMost(WAIT).until(() -> alice.equals(get("/api/orders/" + orderId + "/timeline")
                .path("customerId").asString()));
        await().atMost(WAIT).until(() -> status("/api/customers/" + alice) == 200);

        forbidden(mvc, call("/api/orders/{id}/timeline", orderId).with(customer("bob")));
        forbidden(mvc, call("/api/customers/{id}", alice).with(customer("bob")));
        mvc.perform(call("/api/orders/{id}/timeline", orderId).with(customer(alice))).andExpect(OK);
        mvc.perform(call("/api/customers/{id}", alice).with(customer(alice))).andExpect(OK);
        mvc.perform(call("/api/customers/{id}", alice).with(staff())).andExpect(OK);
    }

    private static MockHttpServletRequestBuilder call(String path, Object... variables) {
        return MockMvcRequestBuilders.get(path, variables);
    }
}
