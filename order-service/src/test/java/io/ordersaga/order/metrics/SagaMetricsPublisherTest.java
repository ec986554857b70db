package io.ordersaga.order.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class SagaMetricsPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<SagaEvent> outbox = new ArrayList<>();
    private final OrderRepository orders = mock(OrderRepository.class);
    private final SagaMetricsPublisher publisher = new SagaMetricsPublisher(outbox::add, orders, new SagaMetrics(registry));

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void beginTransaction() {
        TransactionSynchronizationManager.initSynchronization();
        logged.start();
        logger().addAppender(logged);
    }

    @AfterEach
    void endTransaction() {
        TransactionSynchronizationManager.clearSynchronization();
        logger().detachAppender(logged);
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(SagaMetricsPublisher.class);
    }

    private static long millis(Order order) {
        return Duration.between(order.createdAt(), order.updatedAt()).toMillis();
    }

    @Test
    void countsAPlacedOrderOnceItsTransactionCommits() {
        Order order = order();

        publisher.publish(placed(order));

        assertThat(outbox).hasSize(1);
        assertThat(count(SagaMetrics.PLACED)).isZero();
        commit();
        assertThat(count(SagaMetrics.PLACED)).isEqualTo(1);
    }

    @Test
    void countsACompletedSagaAndTimesItFromPlacementToCompletion() {
        Order order = order();
        order.complete();
        when(orders.findById(order.orderId())).thenReturn(Optional.of(order));

        publisher.publish(new OrderCompleted(order.orderId(), order.customerId(), new BigDecimal("9.99"), "EUR"));
        commit();

        assertThat(count(SagaMetrics.COMPLETED)).isEqualTo(1);
        assertThat(duration("completed")).isEqualTo(Duration.between(order.createdAt(), order.updatedAt()));
        assertThat(registry.get(SagaMetrics.DURATION).tag("outcome", "cancelled").timer().count()).isZero();
    }

    @Test
    void countsACancelledSagaByItsReasonAndTimesIt() {
        Order order = order();
        order.cancel(CancellationReason.PAYMENT_DECLINED);
        when(orders.findById(order.orderId())).thenReturn(Optional.of(order));

        publisher.publish(new OrderCancelled(order.orderId(), order.customerId(), CancellationReason.PAYMENT_DECLINED));
        commit();

        assertThat(registry.get(SagaMetrics.CANCELLED).tag("reason", "PAYMENT_DECLINED").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(SagaMetrics.CANCELLED).tag("reason", "OUT_OF_STOCK").counter().count()).isZero();
        assertThat(duration("cancelled")).isEqualTo(Duration.between(order.createdAt(), order.updatedAt()));
    }

    @Test
    void logsOneInfoLineWhenASagaEndsWithItsOutcomeDurationAndCorrelationId() {
        Order completed = order();
        completed.complete();
        Order cancelled = order();
        cancelled.cancel(CancellationReason.PAYMENT_DECLINED);
        when(orders.findById(completed.orderId())).thenReturn(Optional.of(completed));
        when(orders.findById(cancelled.orderId())).thenReturn(Optional.of(cancelled));

        publisher.publish(placed(completed));
        publisher.publish(new OrderCompleted(completed.orderId(), "alice", new BigDecimal("9.99"), "EUR"));
        publisher.publish(new OrderCancelled(cancelled.orderId(), "alice", CancellationReason.PAYMENT_DECLINED));
        assertThat(logged.list).as("nothing before the commit").isEmpty();
        commit();

        assertThat(logged.list).allMatch(line -> line.getLevel() == Level.INFO)
                .extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                        "Saga ended: outcome=COMPLETED duration=%dms orderId=%s correlationId=corr-1".formatted(
                                millis(completed), completed.orderId()),
                        ("Saga ended: outcome=CANCELLED reason=PAYMENT_DECLINED duration=%dms orderId=%s"
                                + " correlationId=corr-1").formatted(millis(cancelled), cancelled.orderId()));
    }

    @Test
    void countsNothingWhenTheTransactionRollsBack() {
        publisher.publish(placed(order()));

        rollBack();

        assertThat(count(SagaMetrics.PLACED)).isZero();
    }

    @Test
    void passesOtherEventsThroughWithoutCountingThem() {
        Order order = order();
        InventoryReserved reserved = new InventoryReserved(order.orderId(), order.customerId(), List.of(),
                BigDecimal.ONE, "EUR");

        publisher.publish(reserved);
        commit();

        assertThat(outbox).containsExactly(reserved);
        assertThat(count(SagaMetrics.PLACED) + count(SagaMetrics.COMPLETED)).isZero();
    }

    @Test
    void everyCancellationReasonHasASeriesFromTheStart() {
        assertThat(registry.get(SagaMetrics.CANCELLED).counters()).hasSize(CancellationReason.values().length);
    }

    private double count(String counter) {
        return registry.get(counter).counter().count();
    }

    private Duration duration(String outcome) {
        return Duration.ofNanos((long) registry.get(SagaMetrics.DURATION).tag("outcome", outcome).timer()
                .totalTime(TimeUnit.NANOSECONDS));
    }

    private static void commit() {
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
    }

    private static void rollBack() {
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
    }

    private static Order order() {
        return Order.place("alice", List.of(io.ordersaga.order.domain.OrderLine.of("BOOK-EDA", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
    }

    private static OrderPlaced placed(Order order) {
        return new OrderPlaced(order.orderId(), order.customerId(), List.of(new OrderLine("BOOK-EDA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }
}
