package io.ordersaga.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderLine;
import io.ordersaga.order.domain.OrderRepository;
import io.ordersaga.order.domain.TimelineEventRepository;
import io.ordersaga.order.domain.TimelineEventRepository.EventSeen;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cancelled order's unfinished compensations are judged from its timeline, and only while the read models keep
 * it: with them off, rows left from before the switch are not read, so they cannot list a compensation.
 */
class TimelineServiceTest {

    private final TimelineEventRepository timeline = mock(TimelineEventRepository.class);
    private final Order cancelled = cancelledOrder();

    @Test
    void withTheReadModelsOnACancelledOrderWaitsForTheReleaseItsTimelineLacks() {
        when(timeline.findEventTypes(any())).thenReturn(List.of(seen(cancelled.orderId(), "InventoryReserved")));

        List<Awaiting> waiting = service(true).waitingOn(cancelled);

        assertThat(waiting).extracting(Awaiting::event).containsExactly("InventoryReleased");
        verify(timeline).findEventTypes(List.of(cancelled.orderId()));
    }

    @Test
    void withTheReadModelsOffTheTimelineIsNotReadAndNoCompensationIsListed() {
        when(timeline.findEventTypes(any())).thenReturn(List.of(seen(cancelled.orderId(), "InventoryReserved")));

        List<Awaiting> waiting = service(false).waitingOn(cancelled);

        assertThat(waiting).isEmpty();
        verifyNoInteractions(timeline);
    }

    private TimelineService service(boolean readModels) {
        return new TimelineService(timeline, mock(OrderRepository.class), Clock.systemUTC(),
                new ReadModels(readModels));
    }

    private static Order cancelledOrder() {
        Order order = Order.place("alice", List.of(OrderLine.of("BOOK-EDA", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
        order.cancel(CancellationReason.CUSTOMER_REQUESTED);
        return order;
    }

    private static EventSeen seen(UUID orderId, String eventType) {
        return new EventSeen() {
            @Override
            public UUID getOrderId() {
                return orderId;
            }

            @Override
            public String getEventType() {
                return eventType;
            }
        };
    }
}
