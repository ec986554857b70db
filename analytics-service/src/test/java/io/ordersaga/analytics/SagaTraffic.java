package io.ordersaga.analytics;

import static io.ordersaga.analytics.SagaEvents.cancelled;
import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.declined;
import static io.ordersaga.analytics.SagaEvents.notShipped;
import static io.ordersaga.analytics.SagaEvents.outOfStock;
import static io.ordersaga.analytics.SagaEvents.paid;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.SagaEvents.refunded;
import static io.ordersaga.analytics.SagaEvents.released;
import static io.ordersaga.analytics.SagaEvents.reserved;
import static io.ordersaga.analytics.SagaEvents.shipped;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.SagaEvent;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Whole sagas as the four services would play them, each event a millisecond after the one before (event time), so
 * an order's timeline comes out in saga order.
 */
public final class SagaTraffic {

    private final BiConsumer<SagaEvent, Instant> send;
    private Instant clock = Instant.now();

    public SagaTraffic(BiConsumer<SagaEvent, Instant> send) {
        this.send = send;
    }

    public UUID completes(String customerId, String total) {
        UUID orderId = UUID.randomUUID();
        play(placed(orderId, customerId), reserved(orderId, customerId, total), paid(orderId, customerId, total),
                shipped(orderId), completed(orderId, customerId, total));
        return orderId;
    }

    public UUID runsOutOfStock(String customerId) {
        UUID orderId = UUID.randomUUID();
        play(placed(orderId, customerId), outOfStock(orderId),
                cancelled(orderId, customerId, CancellationReason.OUT_OF_STOCK));
        return orderId;
    }

    public UUID isDeclined(String customerId, String total) {
        UUID orderId = UUID.randomUUID();
        play(placed(orderId, customerId), reserved(orderId, customerId, total), declined(orderId, customerId, total),
                released(orderId), cancelled(orderId, customerId, CancellationReason.PAYMENT_DECLINED));
        return orderId;
    }

    public UUID cannotBeShipped(String customerId, String total) {
        UUID orderId = UUID.randomUUID();
        play(placed(orderId, customerId), reserved(orderId, customerId, total), paid(orderId, customerId, total),
                notShipped(orderId), refunded(orderId, customerId, total), released(orderId),
                cancelled(orderId, customerId, CancellationReason.SHIPPING_FAILED));
        return orderId;
    }

    /** An order that inventory reserved and payment has not answered yet. */
    public UUID awaitsPayment(String customerId, String total) {
        UUID orderId = UUID.randomUUID();
        play(placed(orderId, customerId), reserved(orderId, customerId, total));
        return orderId;
    }

    private void play(SagaEvent... events) {
        clock = Instant.now().isAfter(clock) ? Instant.now() : clock;
        for (SagaEvent event : events) {
            clock = clock.plusMillis(1);
            send.accept(event, clock);
        }
    }
}
