package io.ordersaga.payment.adapter.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.payment.application.PaymentService;
import io.ordersaga.payment.domain.Account;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest({AccountController.class, PaymentController.class})
class AccountControllerTest {

    @Autowired MockMvc mvc;
    @MockitoBean PaymentService payments;

    @Test
    void opensAnAccountWith201AndItsLocation() throws Exception {
        when(payments.openAccount("alice", new BigDecimal("1000.00"))).thenReturn(account("alice", "1000.00"));

        mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"alice\",\"initialBalance\":1000.00}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/accounts/alice"))
                .andExpect(jsonPath("$.customerId").value("alice"))
                .andExpect(jsonPath("$.balance").value(1000.00))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.totalDeposited").value(1000.00))
                .andExpect(jsonPath("$.totalCharged").value(0))
                .andExpect(jsonPath("$.totalRefunded").value(0))
                .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void answers409WhenTheAccountExists() throws Exception {
        when(payments.openAccount(eq("alice"), any())).thenThrow(new ConflictException("exists already"));

        expectProblem(mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"alice\",\"initialBalance\":10}")), 409);
    }

    @Test
    void rejectsAMissingCustomerIdAndInitialBalance() throws Exception {
        expectProblem(open("{}"), 400)
                .andExpect(jsonPath("$.errors[*].field", hasItem("customerId")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("initialBalance")));
        verifyNoInteractions(payments);
    }

    @Test
    void rejectsABlankOrTooLongCustomerId() throws Exception {
        expectProblem(open("{\"customerId\":\"  \",\"initialBalance\":1}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        expectProblem(open("{\"customerId\":\"" + "x".repeat(65) + "\",\"initialBalance\":1}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
    }

    @Test
    void rejectsANegativeOrTooPreciseInitialBalance() throws Exception {
        expectProblem(open("{\"customerId\":\"alice\",\"initialBalance\":-0.01}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("initialBalance"));
        expectProblem(open("{\"customerId\":\"alice\",\"initialBalance\":1.005}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("initialBalance"));
        verifyNoInteractions(payments);
    }

    @Test
    void rejectsMalformedJsonAndNamesAFieldOfTheWrongType() throws Exception {
        expectProblem(open("{\"customerId\":"), 400);
        expectProblem(open("{\"customerId\":\"alice\",\"initialBalance\":\"lots\"}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("initialBalance"));
    }

    @Test
    void depositsAndAnswersWithTheAccount() throws Exception {
        Account account = account("alice", "100.00");
        account.deposit(new BigDecimal("50.00"), Instant.now());
        when(payments.deposit("alice", new BigDecimal("50.00"))).thenReturn(account);

        mvc.perform(post("/accounts/alice/deposits").contentType(MediaType.APPLICATION_JSON).content("{\"amount\":50.00}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(150.00))
                .andExpect(jsonPath("$.totalDeposited").value(150.00))
                .andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void rejectsADepositThatIsMissingZeroOrTooPrecise() throws Exception {
        for (String body : List.of("{}", "{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1.001}")) {
            expectProblem(mvc.perform(post("/accounts/alice/deposits").contentType(MediaType.APPLICATION_JSON)
                    .content(body)), 400).andExpect(jsonPath("$.errors[0].field").value("amount"));
        }
        verifyNoInteractions(payments);
    }

    @Test
    void answers404ForADepositToAnUnknownAccount() throws Exception {
        when(payments.deposit(anyString(), any())).thenThrow(new NotFoundException("No account for customer 'zoe'"));

        expectProblem(mvc.perform(post("/accounts/zoe/deposits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":5}")), 404).andExpect(jsonPath("$.detail", containsString("zoe")));
    }

    @Test
    void showsAnAccount() throws Exception {
        Account account = account("carol", "100.00");
        account.charge(UUID.randomUUID(), new BigDecimal("30.00"), Instant.now());
        when(payments.account("carol")).thenReturn(account);

        mvc.perform(get("/accounts/carol"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("carol"))
                .andExpect(jsonPath("$.balance").value(70.00))
                .andExpect(jsonPath("$.totalCharged").value(30.00))
                .andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void answers404ForAnUnknownAccount() throws Exception {
        when(payments.account("zoe")).thenThrow(new NotFoundException("No account for customer 'zoe'"));

        expectProblem(mvc.perform(get("/accounts/zoe")), 404);
    }

    @Test
    void answersAnUnexpectedFailureWith500AndNoStackTrace() throws Exception {
        when(payments.account("boom")).thenThrow(new IllegalStateException("secret internals"));

        expectProblem(mvc.perform(get("/accounts/boom")), 500)
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("secret internals"))));
    }

    private ResultActions open(String body) throws Exception {
        return mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static ResultActions expectProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.trace").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("at io.ordersaga"))));
    }

    private static Account account(String customerId, String balance) {
        return Account.replay(List.of(Account.open(customerId, new BigDecimal(balance), Instant.now())));
    }
}
