package io.ordersaga.payment.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.payment.domain.Account;
import io.ordersaga.payment.domain.AccountEventStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Event sourcing beyond the balance: temporal queries, the paged history, and snapshots on the real database. */
class AccountHistoryIT extends PaymentIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired AccountEventStore ledger;
    @Autowired TransactionTemplate transaction;

    @Test
    void answersTheBalanceAsOfPastInstants() throws Exception {
        Instant beforeOpening = Instant.now();
        String customer = customerWith("100.00");
        Instant afterOpening = Instant.now();
        payments.deposit(customer, new BigDecimal("25.00"));
        Instant afterDeposit = Instant.now();
        charge(customer, "40.00");
        Instant afterCharge = Instant.now();

        mvc.perform(get("/accounts/{id}", customer).param("asOf", beforeOpening.toString()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/accounts/{id}", customer).param("asOf", afterOpening.toString()))
                .andExpect(jsonPath("$.balance").value(100.00)).andExpect(jsonPath("$.version").value(1));
        mvc.perform(get("/accounts/{id}", customer).param("asOf", afterDeposit.toString()))
                .andExpect(jsonPath("$.balance").value(125.00)).andExpect(jsonPath("$.version").value(2));
        mvc.perform(get("/accounts/{id}", customer).param("asOf", afterCharge.toString()))
                .andExpect(jsonPath("$.balance").value(85.00)).andExpect(jsonPath("$.totalCharged").value(40.00));
        mvc.perform(get("/accounts/{id}", customer).param("asOf", "yesterday"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("asOf"));
    }

    @Test
    void pagesTheLedgerWithTheBalanceAfterEachEvent() throws Exception {
        String customer = customerWith("10.00");
        for (int i = 0; i < 4; i++) {
            payments.deposit(customer, new BigDecimal("1.50"));
        }

        mvc.perform(get("/accounts/{id}/events", customer).param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(5))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.content[0].version").value(3))
                .andExpect(jsonPath("$.content[0].type").value("MoneyDeposited"))
                .andExpect(jsonPath("$.content[0].balanceAfter").value(13.00))
                .andExpect(jsonPath("$.content[1].balanceAfter").value(14.50));
        mvc.perform(get("/accounts/{id}/events", customer))
                .andExpect(jsonPath("$.content[0].type").value("AccountOpened"))
                .andExpect(jsonPath("$.content[0].balanceAfter").value(10.00));
        mvc.perform(get("/accounts/{id}/events", customer).param("size", "0")).andExpect(status().isBadRequest());
        mvc.perform(get("/accounts/{id}/events", "nobody-" + UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void snapshotsEveryFewEventsAndLoadsLikeAFullReplay() {
        String customer = customerWith("500.00");
        List<Instant> after = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            if (i % 3 == 0) {
                payments.deposit(customer, new BigDecimal("3.00"));
            } else {
                charge(customer, "2.00");
            }
            after.add(Instant.now());
        }

        assertThat(jdbc.queryForList("SELECT version FROM account_snapshot WHERE account_id = ? ORDER BY version",
                Integer.class, customer)).containsExactly(5, 10);
        transaction.executeWithoutResult(tx -> {
            Account loaded = ledger.account(customer).orElseThrow();
            Account replayed = Account.replay(ledger.load(customer));
            assertThat(loaded.snapshot()).isEqualTo(replayed.snapshot());
            for (int i = 0; i < after.size(); i++) {
                int version = i + 2;
                assertThat(ledger.accountAsOf(customer, after.get(i)).orElseThrow().snapshot())
                        .as("as of after version %d", version)
                        .isEqualTo(Account.replay(ledger.load(customer).subList(0, version)).snapshot());
            }
        });
    }

    private void charge(String customer, String amount) {
        UUID orderId = UUID.randomUUID();
        inbox.handle(KafkaTestClient.envelope(reserved(orderId, customer, amount), "test"),
                event -> payments.onInventoryReserved((InventoryReserved) event));
    }
}
