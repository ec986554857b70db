package io.ordersaga.order.quote;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.order.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /orders/quote} on a real broker with no inventory-service listening: the request goes out, no reply
 * comes, and the client gets 504 problem+json after the timeout. The answering side alone is tested in
 * inventory-service ({@code io.ordersaga.inventory.it.QuoteIT}), the round trip with a real inventory-service in
 * system-tests ({@code io.ordersaga.systemtests.QuoteRoundTripIT}).
 */
class QuoteIT extends IntegrationTestSupport {

    @Autowired MockMvc mvc;

    @Test
    void answersGatewayTimeoutWhenInventoryDoesNotReply() throws Exception {
        mvc.perform(post("/orders/quote").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"sku\":\"BOOK-EDA\",\"quantity\":1}]}"))
                .andExpect(status().isGatewayTimeout())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("No answer in time"));
    }

    @Test
    void rejectsAQuoteWithoutItems() throws Exception {
        mvc.perform(post("/orders/quote").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"));
    }
}
