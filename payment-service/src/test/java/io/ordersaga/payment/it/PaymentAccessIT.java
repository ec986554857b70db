package io.ordersaga.payment.it;

import static io.ordersaga.messaging.testing.ApiAccess.customer;
import static io.ordersaga.messaging.testing.ApiAccess.forbidden;
import static io.ordersaga.messaging.testing.ApiAccess.refusesEveryBadToken;
import static io.ordersaga.messaging.testing.ApiAccess.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The access catalogue of payment-service over REST, with tokens of a real issuer: a customer reads only their own
 * account, ledger and payments; only staff open accounts and deposit. Refusals are 401 or 403 as problem+json and
 * write no ledger event.
 */
class PaymentAccessIT extends PaymentIntegrationTest {

    @Autowired MockMvc mvc;

    @Test
    void everyEndpointRefusesAMissingExpiredForeignOrForgedToken() throws Exception {
        String alice = customerWith("100.00");
        String newcomer = "it-" + UUID.randomUUID();
        refusesEveryBadToken(mvc, () -> opening(newcomer));
        refusesEveryBadToken(mvc, () -> depositing(alice));
        refusesEveryBadToken(mvc, () -> get("/accounts/{id}", alice));
        refusesEveryBadToken(mvc, () -> get("/accounts/{id}/events", alice));
        refusesEveryBadToken(mvc, () -> get("/payments").param("orderId", UUID.randomUUID().toString()));

        assertThat(ledgerEvents(newcomer)).isZero();
        assertThat(ledgerEvents(alice)).isEqualTo(1);
    }

    @Test
    void aCustomerReadsOnlyTheirOwnAccountAndLedger() throws Exception {
        String alice = customerWith("100.00");
        String bob = customerWith("5.00");

        forbidden(mvc, get("/accounts/{id}", alice).with(customer(bob)));
        forbidden(mvc, get("/accounts/{id}/events", alice).with(customer(bob)));
        mvc.perform(get("/accounts/{id}", alice).with(customer(alice))).andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(100.00));
        mvc.perform(get("/accounts/{id}", alice).with(staff())).andExpect(status().isOk());
    }

    @Test
    void aCustomerSeesThePaymentsOfTheirOwnOrdersOnly() throws Exception {
        String alice = customerWith("100.00");
        UUID orderId = UUID.randomUUID();
        awaitHandled(kafka.send(reserved(orderId, alice, "10.00")));

        forbidden(mvc, get("/payments").param("orderId", orderId.toString()).with(customer("bob")));
        mvc.perform(get("/payments").param("orderId", orderId.toString()).with(customer(alice)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].customerId").value(alice));
    }

    @Test
    void aCustomerCannotOpenAccountsOrDepositAndNoLedgerEventIsWritten() throws Exception {
        String alice = customerWith("100.00");
        String newcomer = "it-" + UUID.randomUUID();

        forbidden(mvc, opening(newcomer).with(customer(newcomer)));
        forbidden(mvc, depositing(alice).with(customer(alice)));
        forbidden(mvc, get("/admin/dead-letters").with(customer(alice)));
        forbidden(mvc, get("/actuator/prometheus").with(customer(alice)));
        assertThat(ledgerEvents(newcomer)).isZero();
        assertThat(ledgerEvents(alice)).isEqualTo(1);

        mvc.perform(depositing(alice).with(staff())).andExpect(status().isOk());
        assertThat(ledgerEvents(alice)).isEqualTo(2);
    }

    private static MockHttpServletRequestBuilder opening(String customerId) {
        return post("/accounts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\": \"%s\", \"initialBalance\": 1000}".formatted(customerId));
    }

    private static MockHttpServletRequestBuilder depositing(String customerId) {
        return post("/accounts/{id}/deposits", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\": 1000}");
    }

    private int ledgerEvents(String customerId) {
        return jdbc.queryForObject("SELECT count(*) FROM account_event WHERE account_id = ?", Integer.class, customerId);
    }
}
