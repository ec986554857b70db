package io.ordersaga.payment.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.payment.domain.Payment;
import io.ordersaga.payment.domain.PaymentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentListenersIT extends PaymentIntegrationTest {

    @Test
    void chargesAReservedOrderAndPublishesPaymentCompleted() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();

        kafka.send(reserved(orderId, customer, "42.50"));

        PaymentCompleted completed = (PaymentCompleted) awaitPublished(orderId, 1).get(0);
        assertThat(completed.customerId()).isEqualTo(customer);
        assertThat(completed.amount()).isEqualByComparingTo("42.50");
        assertThat(completed.currency()).isEqualTo("EUR");
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("57.50");
        List<Payment> ledger = payments.payments(orderId);
        assertThat(ledger).singleElement().satisfies(payment -> {
            assertThat(payment.type()).isEqualTo(PaymentType.CHARGE);
            assertThat(payment.paymentId()).isEqualTo(completed.paymentId());
        });
    }

    @Test
    void declinesAnOrderTheBalanceCannotCoverWithInsufficientFunds() {
        String customer = customerWith("20.00");
        UUID orderId = UUID.randomUUID();

        kafka.send(reserved(orderId, customer, "20.01"));

        PaymentFailed failed = (PaymentFailed) awaitPublished(orderId, 1).get(0);
        assertThat(failed.reason()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(failed.amount()).isEqualByComparingTo("20.01");
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("20.00");
        assertThat(ledgerRows(orderId)).isZero();
    }

    @Test
    void declinesAnOrderOfACustomerWithoutAccount() {
        UUID orderId = UUID.randomUUID();

        kafka.send(reserved(orderId, "no-such-" + orderId, "1.00"));

        PaymentFailed failed = (PaymentFailed) awaitPublished(orderId, 1).get(0);
        assertThat(failed.reason()).isEqualTo("UNKNOWN_ACCOUNT");
    }

    @Test
    void chargesOnceWhenTheSameInventoryReservedIsDeliveredTwice() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();

        EventEnvelope<SagaEvent> reserved = kafka.send(reserved(orderId, customer, "10.00"));
        kafka.send(reserved);
        awaitEarlierRecordsHandled(Topics.INVENTORY_EVENTS, orderId);

        assertThat(settled(orderId)).singleElement().isInstanceOf(PaymentCompleted.class);
        assertThat(ledgerRows(orderId)).isEqualTo(1);
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("90.00");
    }

    @Test
    void chargesOnceWhenInventoryReservedIsRepublishedUnderANewEventId() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();

        kafka.send(reserved(orderId, customer, "10.00"));
        kafka.send(reserved(orderId, customer, "10.00"));
        awaitEarlierRecordsHandled(Topics.INVENTORY_EVENTS, orderId);

        assertThat(settled(orderId)).singleElement().isInstanceOf(PaymentCompleted.class);
        assertThat(payments.account(customer).totalCharged()).isEqualByComparingTo("10.00");
    }

    @Test
    void refundsTheChargeWhenTheShipmentFails() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();
        kafka.send(reserved(orderId, customer, "30.00"));
        PaymentCompleted completed = (PaymentCompleted) awaitPublished(orderId, 1).get(0);

        EventEnvelope<SagaEvent> failed = kafka.send(new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED"));
        kafka.send(failed);
        awaitEarlierRecordsHandled(Topics.SHIPPING_EVENTS, orderId);

        List<SagaEvent> events = settled(orderId);
        assertThat(events).hasSize(2);
        PaymentRefunded refunded = (PaymentRefunded) events.get(1);
        assertThat(refunded.paymentId()).isEqualTo(completed.paymentId());
        assertThat(refunded.customerId()).isEqualTo(customer);
        assertThat(refunded.amount()).isEqualByComparingTo("30.00");
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("100.00");
        assertThat(payments.payments(orderId)).extracting(Payment::type)
                .containsExactly(PaymentType.CHARGE, PaymentType.REFUND);
    }

    @Test
    void refundsExactlyOnceWhenShipmentFailedAndOrderCancelledBothArriveAndAreDuplicated() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();
        kafka.send(reserved(orderId, customer, "25.00"));
        awaitPublished(orderId, 1);

        EventEnvelope<SagaEvent> cancelled =
                kafka.send(new OrderCancelled(orderId, customer, CancellationReason.SHIPPING_FAILED));
        EventEnvelope<SagaEvent> failed = kafka.send(new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED"));
        kafka.send(cancelled);
        kafka.send(failed);
        kafka.send(new OrderCancelled(orderId, customer, CancellationReason.SHIPPING_FAILED));
        awaitEarlierRecordsHandled(Topics.ORDER_EVENTS, orderId);
        awaitEarlierRecordsHandled(Topics.SHIPPING_EVENTS, orderId);

        assertThat(settled(orderId)).filteredOn(PaymentRefunded.class::isInstance).hasSize(1);
        assertThat(payments.payments(orderId)).extracting(Payment::type)
                .containsExactly(PaymentType.CHARGE, PaymentType.REFUND);
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("100.00");
    }

    @Test
    void refusesToChargeAnOrderCancelledBeforeItsInventoryWasReserved() {
        String customer = customerWith("100.00");
        UUID orderId = UUID.randomUUID();

        awaitHandled(kafka.send(new OrderCancelled(orderId, customer, CancellationReason.TIMED_OUT)));
        kafka.send(reserved(orderId, customer, "10.00"));

        PaymentFailed failed = (PaymentFailed) awaitPublished(orderId, 1).get(0);
        assertThat(failed.reason()).isEqualTo("ORDER_CANCELLED");
        assertThat(settled(orderId)).hasSize(1);
        assertThat(payments.payments(orderId)).isEmpty();
        assertThat(payments.account(customer).balance()).isEqualByComparingTo("100.00");
    }

    @Test
    void doesNothingForACancelledOrderThatWasNeverCharged() {
        UUID orderId = UUID.randomUUID();

        awaitHandled(kafka.send(new OrderCancelled(orderId, "someone", CancellationReason.OUT_OF_STOCK)));
        awaitHandled(kafka.send(new ShipmentFailed(orderId, "AQ", "DESTINATION_NOT_SERVED")));

        assertThat(settled(orderId)).isEmpty();
        assertThat(ledgerRows(orderId)).isZero();
    }
}
