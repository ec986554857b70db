package io.ordersaga.order.adapter.messaging;

import static io.ordersaga.messaging.testing.KafkaTestClient.polled;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll's records go through the saga consumer in one transaction: the batch locks and loads its orders up front,
 * in one query, and writes its changes at commit in JDBC batches, so its statements do not grow with its records.
 */
class OrderBatchIT extends IntegrationTestSupport {

    private static final int ORDERS = 20;

    @Autowired SagaEventsListener listener;
    @Autowired EntityManagerFactory entityManagerFactory;

    @Test
    void aBatchOfEveryStepOfTwentyOrdersCompletesThemWithFewerStatementsThanOrders() {
        List<Order> placed = IntStream.range(0, ORDERS).mapToObj(i -> placeOrder()).toList();
        List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> batch = new ArrayList<>();
        placed.forEach(order -> batch.add(polled(Topics.INVENTORY_EVENTS, batch.size(), inventoryReserved(order))));
        placed.forEach(order -> batch.add(polled(Topics.PAYMENT_EVENTS, batch.size(), paymentCompleted(order))));
        placed.forEach(order -> batch.add(polled(Topics.SHIPPING_EVENTS, batch.size(), shipmentScheduled(order))));

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        listener.handle(batch);
        long statements = statistics.getPrepareStatementCount();

        for (Order order : placed) {
            Order completed = repository.findById(order.orderId()).orElseThrow();
            assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(completed.totalAmount()).isEqualByComparingTo(TOTAL);
            assertThat(completed.isPriced()).as("the lines got their prices").isTrue();
            assertThat(published(order.orderId(), OrderCompleted.class)).as("OrderCompleted of %s", order.orderId())
                    .isEqualTo(1);
        }
        // One by one, each of the 60 records would load its order and its lines and write the order back: 224
        // statements (measured). The batch locks the 20 orders in one query, loads their lines in one more, and writes
        // 20 orders and 40 lines in two JDBC batches (the deadline sweeper's query may fall in the window too).
        assertThat(statements).as("JDBC statements Hibernate prepared for the batch").isLessThan(ORDERS);
    }
}
