package io.ordersaga.analytics.adapter.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.analytics.domain.SagaStep;
import io.ordersaga.analytics.domain.TimelineEntry;
import io.ordersaga.analytics.live.DashboardView;
import io.ordersaga.analytics.query.AnalyticsUnavailableException;
import io.ordersaga.analytics.query.CustomerQuery;
import io.ordersaga.analytics.query.JourneyQuery;
import io.ordersaga.analytics.query.RevenueQuery;
import io.ordersaga.analytics.query.SagaStatsQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(AnalyticsController.class)
class AnalyticsControllerTest {

    @Autowired MockMvc mvc;
    @MockitoBean SagaStatsQuery saga;
    @MockitoBean CustomerQuery customers;
    @MockitoBean RevenueQuery revenue;
    @MockitoBean JourneyQuery journeys;
    @MockitoBean DashboardView dashboard;

    @Test
    void anOrdersTimelineIsItsJourney() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(journeys.journey(orderId)).willReturn(Optional.of(new OrderJourney(orderId, "alice",
                SagaStep.COMPLETED, null, new BigDecimal("49.90"), "EUR", List.of(new TimelineEntry(
                UUID.randomUUID(), "OrderCompleted", "order-service", Instant.parse("2026-01-31T10:00:00Z"),
                "completed, 49.90 EUR")))));

        mvc.perform(get("/api/orders/{orderId}/timeline", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.step").value("COMPLETED"))
                .andExpect(jsonPath("$.totalAmount").value(49.90))
                .andExpect(jsonPath("$.timeline[0].at").value("2026-01-31T10:00:00Z"))
                .andExpect(jsonPath("$.timeline[0].source").value("order-service"));
    }

    @Test
    void anUnknownCustomerIsNotFoundAsProblemDetails() throws Exception {
        given(customers.customer("nobody")).willReturn(Optional.empty());

        mvc.perform(get("/api/customers/nobody"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No order of customer 'nobody' has been seen"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void aMalformedOrderIdIsABadRequestNamingIt() throws Exception {
        mvc.perform(get("/api/orders/not-a-uuid/timeline"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("orderId"));
    }

    @Test
    void aMalformedRevenueBoundIsABadRequestNamingIt() throws Exception {
        mvc.perform(get("/api/revenue").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void revenueBoundsAreOptionalIsoInstants() throws Exception {
        Instant from = Instant.parse("2026-01-31T08:00:00Z");
        Instant to = Instant.parse("2026-01-31T12:00:00Z");
        given(revenue.windows(from, to, AnalyticsController.DEFAULT_REVENUE_SPAN)).willReturn(List.of());

        mvc.perform(get("/api/revenue").param("from", from.toString()).param("to", to.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void reversedRevenueBoundsAreABadRequest() throws Exception {
        given(revenue.windows(any(), any(), any())).willThrow(new IllegalArgumentException("from must not be after to"));

        mvc.perform(get("/api/revenue").param("from", "2026-01-31T12:00:00Z").param("to", "2026-01-31T08:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("from must not be after to"));
    }

    @Test
    void storesThatCannotBeQueriedYetAreServiceUnavailableWithRetryAfter() throws Exception {
        given(saga.stats()).willThrow(new AnalyticsUnavailableException("rebalancing", null));

        mvc.perform(get("/api/saga"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Analytics unavailable"));
    }
}
