package io.ordersaga.payment.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.testing.ApiDocsCoverage;
import io.ordersaga.payment.config.DemoData;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The REST API on the real database: the ledger behind it, duplicates and the demo accounts. */
class AccountApiIT extends PaymentIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired DemoData demoData;

    @Test
    void opensDepositsAndShowsAnAccountAndRefusesToOpenItTwice() throws Exception {
        String customer = "api-" + UUID.randomUUID();
        String body = "{\"customerId\":\"" + customer + "\",\"initialBalance\":10.00}";

        mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/accounts/" + customer));
        mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/accounts/" + customer + "/deposits").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\":5.25}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(15.25));

        mvc.perform(get("/accounts/" + customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(15.25))
                .andExpect(jsonPath("$.totalDeposited").value(15.25))
                .andExpect(jsonPath("$.version").value(2));
        assertThat(jdbc.queryForList("SELECT event_type FROM account_event WHERE account_id = ? ORDER BY version",
                String.class, customer)).containsExactly("AccountOpened", "MoneyDeposited");
    }

    @Test
    void answers404ForAnUnknownAccountAndAnEmptyListForAnOrderWithoutPayments() throws Exception {
        mvc.perform(get("/accounts/nobody-" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/payments").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
        mvc.perform(get("/payments"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("orderId"));
        // Security denies whatever no access rule names, before the dispatcher could answer 404.
        mvc.perform(get("/nothing-here"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")));
    }

    @Test
    void createsTheDemoAccountsOnceAndLeavesThemAloneOnTheNextStart() throws Exception {
        demoData.run(null);

        assertThat(payments.account("alice").totalDeposited()).isEqualByComparingTo(new BigDecimal("1000.00"));
        assertThat(payments.account("carol").totalDeposited()).isEqualByComparingTo(new BigDecimal("5000.00"));
        assertThat(payments.account("bob").totalDeposited()).isEqualByComparingTo(new BigDecimal("20.00"));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_event WHERE account_id IN ('alice', 'bob', 'carol')
                AND event_type = 'AccountOpened'""", Integer.class)).isEqualTo(3);
    }

    /** {@code /v3/api-docs} lists every endpoint this service maps (see {@link ApiDocsCoverage}). */
    @Test
    void openApiDocumentListsEveryEndpoint(@Autowired ApplicationContext context) throws Exception {
        ApiDocsCoverage.assertDocumentListsEveryEndpoint(context, mvc);
    }
}
