package io.ordersaga.inventory.adapter.web;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.inventory.domain.OrderedItems;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.RejectionReason;
import io.ordersaga.inventory.domain.Reservation;
import io.ordersaga.messaging.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReservationController.class)
class ReservationControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-31T10:30:00Z");

    @Autowired MockMvc mvc;
    @MockitoBean ReservationService reservations;

    @Test
    void readsAReservationWithItsPricedLines() throws Exception {
        UUID orderId = UUID.randomUUID();
        Product book = Product.create("BOOK-EDA", "Book", new BigDecimal("39.90"), 10);
        OrderedItems items = OrderedItems.of(List.of(Map.entry("BOOK-EDA", 2)), Map.Entry::getKey, Map.Entry::getValue);
        when(reservations.get(orderId))
                .thenReturn(Reservation.reserve(orderId, "alice", items, Map.of("BOOK-EDA", book), NOW));

        mvc.perform(get("/reservations/{orderId}", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.customerId").value("alice"))
                .andExpect(jsonPath("$.status").value("RESERVED"))
                .andExpect(jsonPath("$.rejectionReason").doesNotExist())
                .andExpect(jsonPath("$.lines[0].sku").value("BOOK-EDA"))
                .andExpect(jsonPath("$.lines[0].quantity").value(2))
                .andExpect(jsonPath("$.lines[0].unitPrice").value(39.90))
                .andExpect(jsonPath("$.totalAmount").value(79.80))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.createdAt").value("2026-01-31T10:30:00Z"));
    }

    @Test
    void showsWhyAnOrderWasRejected() throws Exception {
        UUID orderId = UUID.randomUUID();
        when(reservations.get(orderId))
                .thenReturn(Reservation.rejected(orderId, "bob", RejectionReason.OUT_OF_STOCK, NOW));

        mvc.perform(get("/reservations/{orderId}", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.rejectionReason").value("OUT_OF_STOCK"))
                .andExpect(jsonPath("$.lines").isEmpty());
    }

    @Test
    void answers404WhenTheOrderHasNoReservation() throws Exception {
        UUID orderId = UUID.randomUUID();
        when(reservations.get(orderId)).thenThrow(new NotFoundException("No reservation for order " + orderId));

        mvc.perform(get("/reservations/{orderId}", orderId))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void answers400ForAnOrderIdThatIsNoUuid() throws Exception {
        mvc.perform(get("/reservations/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }
}
