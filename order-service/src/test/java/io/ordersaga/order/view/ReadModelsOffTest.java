package io.ordersaga.order.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.reply.RequestReplyClient;
import io.ordersaga.order.application.CancellationService;
import io.ordersaga.order.application.OrderService;
import io.ordersaga.order.application.TimelineService;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderLine;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * order-service with {@code ordersaga.read-models.enabled=false} (the saga-only profile): the read models' consumer
 * is not created, and the timeline and every view endpoint answer 404 with a problem that says why, without reading
 * anything. Orders themselves are unaffected.
 */
@WebMvcTest(properties = ReadModels.ENABLED + "=false")
@Import(ReadModels.class)
class ReadModelsOffTest {

    @Autowired MockMvc mvc;
    @MockitoBean OrderService orders;
    @MockitoBean CancellationService cancellations;
    @MockitoBean TimelineService timeline;
    @MockitoBean OrderViews views;
    @MockitoBean ViewConsistency consistency;
    @MockitoBean ViewRebuilder rebuilder;
    @MockitoBean RequestReplyClient quotes;

    @Test
    void theTimelineAndTheViewsAnswer404SayingWhy() throws Exception {
        Order order = Order.place("alice", List.of(OrderLine.of("BOOK-EDA", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
        when(orders.find(any())).thenReturn(Optional.of(order));

        for (RequestBuilder request : List.of(
                get("/orders/{id}/timeline", order.orderId()),
                get("/views/orders/{id}", order.orderId()),
                get("/views/customers/{id}/orders", "alice"),
                get("/views/revenue/daily"),
                post("/admin/views/rebuild"))) {
            mvc.perform(request)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(containsString("ORDERSAGA_READ_MODELS_ENABLED=false")))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
        verifyNoInteractions(views, consistency, rebuilder);
        verify(timeline, never()).timelineOf(any());
    }

    @Test
    void anOrderIsStillShown() throws Exception {
        Order order = Order.place("alice", List.of(OrderLine.of("BOOK-EDA", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));
        when(timeline.waitingOn(order)).thenReturn(List.of());

        mvc.perform(get("/orders/{id}", order.orderId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    void theReadModelsConsumerExistsOnlyWhereTheyAreOn() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(Inbox.class, () -> mock(Inbox.class))
                .withBean(TimelineService.class, () -> mock(TimelineService.class))
                .withBean(OrderViewProjection.class, () -> mock(OrderViewProjection.class))
                .withBean(OrderViews.class, () -> mock(OrderViews.class))
                .withBean(TransactionTemplate.class, () -> mock(TransactionTemplate.class))
                .withUserConfiguration(ReadModelListener.class);

        runner.run(context -> assertThat(context).hasSingleBean(ReadModelListener.class));
        runner.withPropertyValues(ReadModels.ENABLED + "=true")
                .run(context -> assertThat(context).hasSingleBean(ReadModelListener.class));
        runner.withPropertyValues(ReadModels.ENABLED + "=false")
                .run(context -> assertThat(context).doesNotHaveBean(ReadModelListener.class));
    }
}
