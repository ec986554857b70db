package io.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.PricedLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final List<PricedLine> PRICED = List.of(
            new PricedLine("BOOK-EDA", 2, new BigDecimal("10.00")), new PricedLine("MUG", 1, new BigDecimal("5.5")));
    private static final BigDecimal TOTAL = new BigDecimal("25.50");

    static Order newOrder() {
        return Order.place("alice", List.of(OrderLine.of("BOOK-EDA", 2), OrderLine.of("MUG", 1)),
                new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");
    }

    static Order reserved() {
        Order order = newOrder();
        order.reserveInventory(TOTAL, "EUR", PRICED);
        return order;
    }

    static Order paid() {
        Order order = reserved();
        order.markPaid(TOTAL, "EUR");
        return order;
    }

    static Order cancelled() {
        Order order = newOrder();
        order.cancel(CancellationReason.OUT_OF_STOCK);
        return order;
    }

    @Nested
    class Placing {

        @Test
        void startsPendingWithUnpricedLinesAndNoTotal() {
            Order order = newOrder();

            assertThat(order.orderId()).isNotNull();
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.lines()).extracting(OrderLine::unitPrice).containsOnlyNulls();
            assertThat(order.totalAmount()).isNull();
            assertThat(order.currency()).isNull();
            assertThat(order.cancellationReason()).isNull();
            assertThat(order.correlationId()).isEqualTo("corr-1");
            assertThat(order.createdAt()).isEqualTo(order.updatedAt());
        }

        @Test
        void givesEveryOrderItsOwnId() {
            assertThat(newOrder().orderId()).isNotEqualTo(newOrder().orderId());
        }

        @Test
        void givesOrdersTimeOrderedIdsSoTheyAppendToTheIndex() {
            UUID first = newOrder().orderId();
            UUID second = newOrder().orderId();

            assertThat(first.version()).isEqualTo(7);
            assertThat(second).isGreaterThan(first);
        }

        @Test
        void refusesAnOrderWithoutLines() {
            assertThatThrownBy(() -> Order.place("alice", List.of(),
                    new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesLinesPricedByTheCustomer() {
            assertThatThrownBy(() -> Order.place("alice", List.of(new OrderLine("MUG", 1, BigDecimal.ONE)),
                    new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesABlankCustomer() {
            assertThatThrownBy(() -> Order.place(" ", List.of(OrderLine.of("MUG", 1)),
                    new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesALineWithoutQuantity() {
            assertThatThrownBy(() -> OrderLine.of("MUG", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ReservingInventory {

        @Test
        void movesAPendingOrderToInventoryReservedAndRecordsPricesAndTotal() {
            Order order = newOrder();

            boolean announce = order.reserveInventory(TOTAL, "EUR", PRICED);

            assertThat(announce).isFalse();
            assertThat(order.status()).isEqualTo(OrderStatus.INVENTORY_RESERVED);
            assertThat(order.totalAmount()).isEqualTo(new BigDecimal("25.50"));
            assertThat(order.currency()).isEqualTo("EUR");
            assertThat(order.lines()).extracting(OrderLine::unitPrice)
                    .containsExactly(new BigDecimal("10.00"), new BigDecimal("5.50"));
            assertThat(order.isPriced()).isTrue();
        }

        @Test
        void onlyRecordsPricesForAnOrderAlreadyPaid() {
            Order order = newOrder();
            order.markPaid(TOTAL, "EUR");

            boolean announce = order.reserveInventory(TOTAL, "EUR", PRICED);

            assertThat(announce).isFalse();
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.isPriced()).isTrue();
        }

        @Test
        void announcesTheCompletionOfAnOrderThatCompletedWithoutATotal() {
            Order order = newOrder();
            order.complete();

            boolean announce = order.reserveInventory(TOTAL, "EUR", PRICED);

            assertThat(announce).isTrue();
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.totalAmount()).isEqualTo(TOTAL);
        }

        @Test
        void doesNotAnnounceAgainWhenACompletedOrderAlreadyKnewItsTotal() {
            Order order = newOrder();
            order.markPaid(TOTAL, "EUR");
            order.complete();

            assertThat(order.acceptsInventoryReservation()).isTrue();
            assertThat(order.reserveInventory(TOTAL, "EUR", PRICED)).isFalse();
        }

        @Test
        void refusesASecondReservation() {
            Order order = reserved();

            assertThat(order.acceptsInventoryReservation()).isFalse();
            assertThatThrownBy(() -> order.reserveInventory(TOTAL, "EUR", PRICED))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAReservationForACancelledOrder() {
            Order order = cancelled();

            assertThat(order.acceptsInventoryReservation()).isFalse();
            assertThatThrownBy(() -> order.reserveInventory(TOTAL, "EUR", PRICED))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void refusesAReservationThatDoesNotPriceEveryLine() {
            Order order = newOrder();

            assertThatThrownBy(() -> order.reserveInventory(TOTAL, "EUR", PRICED.subList(0, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.isPriced()).isFalse();
        }
    }

    @Nested
    class Paying {

        @Test
        void movesAReservedOrderToPaid() {
            Order order = reserved();

            assertThat(order.markPaid(TOTAL, "EUR")).isFalse();

            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        }

        @Test
        void movesAPendingOrderToPaidAndRecordsTheAmountAsTotal() {
            Order order = newOrder();

            order.markPaid(new BigDecimal("25.5"), "EUR");

            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.totalAmount()).isEqualTo(new BigDecimal("25.50"));
            assertThat(order.currency()).isEqualTo("EUR");
        }

        @Test
        void keepsTheTotalInventoryReserved() {
            Order order = reserved();

            order.markPaid(new BigDecimal("99.00"), "EUR");

            assertThat(order.totalAmount()).isEqualTo(TOTAL);
        }

        @Test
        void recordsTheTotalOfACompletedOrderAndAnnouncesItsCompletion() {
            Order order = newOrder();
            order.complete();

            assertThat(order.acceptsPayment()).isTrue();
            assertThat(order.markPaid(TOTAL, "EUR")).isTrue();

            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.totalAmount()).isEqualTo(TOTAL);
        }

        @Test
        void refusesASecondPayment() {
            Order order = paid();

            assertThat(order.acceptsPayment()).isFalse();
            assertThatThrownBy(() -> order.markPaid(TOTAL, "EUR")).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAPaymentForACompletedOrderWhoseTotalIsKnown() {
            Order order = paid();
            order.complete();

            assertThat(order.acceptsPayment()).isFalse();
            assertThatThrownBy(() -> order.markPaid(TOTAL, "EUR")).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAPaymentForACancelledOrder() {
            Order order = cancelled();

            assertThat(order.acceptsPayment()).isFalse();
            assertThatThrownBy(() -> order.markPaid(TOTAL, "EUR")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Completing {

        @Test
        void completesAPaidOrderAndSaysItCanBeAnnounced() {
            Order order = paid();

            assertThat(order.complete()).isTrue();

            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.isTerminal()).isTrue();
        }

        @Test
        void completesAReservedOrderWhosePaymentIsStillOnItsWay() {
            Order order = reserved();

            assertThat(order.complete()).isTrue();

            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        void completesAPendingOrderButCannotAnnounceItWithoutATotal() {
            Order order = newOrder();

            assertThat(order.complete()).isFalse();

            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        void refusesToCompleteTwice() {
            Order order = paid();
            order.complete();

            assertThat(order.acceptsCompletion()).isFalse();
            assertThatThrownBy(order::complete).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesToCompleteACancelledOrder() {
            Order order = cancelled();

            assertThat(order.acceptsCompletion()).isFalse();
            assertThatThrownBy(order::complete).isInstanceOf(IllegalStateException.class);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAPendingOrderWithItsReason() {
            Order order = newOrder();

            order.cancel(CancellationReason.UNKNOWN_PRODUCT);

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.UNKNOWN_PRODUCT);
            assertThat(order.isTerminal()).isTrue();
        }

        @Test
        void cancelsAReservedOrder() {
            Order order = reserved();

            order.cancel(CancellationReason.PAYMENT_DECLINED);

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        }

        @Test
        void cancelsAPaidOrder() {
            Order order = paid();

            order.cancel(CancellationReason.SHIPPING_FAILED);

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.SHIPPING_FAILED);
        }

        @Test
        void refusesToCancelACompletedOrder() {
            Order order = paid();
            order.complete();

            assertThat(order.acceptsCancellation()).isFalse();
            assertThatThrownBy(() -> order.cancel(CancellationReason.SHIPPING_FAILED))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.cancellationReason()).isNull();
        }

        @Test
        void refusesToCancelTwice() {
            Order order = cancelled();

            assertThat(order.acceptsCancellation()).isFalse();
            assertThatThrownBy(() -> order.cancel(CancellationReason.PAYMENT_DECLINED))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        }
    }

    @Nested
    class CustomerCancelling {

        @Test
        void cancelsARunningOrderAsCustomerRequestedInEveryStep() {
            for (Order order : List.of(newOrder(), reserved(), paid())) {
                assertThat(order.cancelOnCustomerRequest()).as("cancelled now from %s", order).isTrue();
                assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_REQUESTED);
            }
        }

        @Test
        void leavesACancelledOrderAsItIsWithItsFirstReason() {
            Order order = cancelled();

            assertThat(order.cancelOnCustomerRequest()).isFalse();
            assertThat(order.cancelOnCustomerRequest()).isFalse();
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        }

        @Test
        void refusesToCancelACompletedOrder() {
            Order order = paid();
            order.complete();

            assertThatThrownBy(order::cancelOnCustomerRequest).isInstanceOf(IllegalStateException.class);
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    class TimingOut {

        @Test
        void cancelsARunningOrderAsTimedOut() {
            Order order = reserved();

            order.timeOut();

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
        }

        @Test
        void refusesToTimeOutATerminalOrder() {
            Order completed = paid();
            completed.complete();

            assertThatThrownBy(completed::timeOut).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cancelled()::timeOut).isInstanceOf(IllegalStateException.class);
            assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    class PlacingWithAGivenId {

        @Test
        void keepsTheIdItWasGiven() {
            UUID id = UUID.randomUUID();

            Order order = Order.place(id, "alice", List.of(OrderLine.of("MUG", 1)),
                    new Address("Alice", "1 Main St", "Berlin", "10115", "DE"), "corr-1");

            assertThat(order.orderId()).isEqualTo(id);
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        }
    }
}
