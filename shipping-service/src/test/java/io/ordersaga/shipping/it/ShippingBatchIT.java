package io.ordersaga.shipping.it;

import static io.ordersaga.messaging.testing.KafkaTestClient.polled;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.InboxListener;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll's records go through shipping's saga consumer in one transaction: the batch creates and locks its orders'
 * join rows up front, and writes its changes at commit in JDBC batches, so its statements do not grow with its
 * records; a shipment created by one record of the batch is found by a later one before anything is flushed.
 */
class ShippingBatchIT extends ShippingIntegrationTest {

    private static final int ORDERS = 20;
    private static final int CANCELLED = 5;

    @Autowired InboxListener listener;
    @Autowired EntityManagerFactory entityManagerFactory;

    @Test
    void aBatchShipsTwentyOrdersAndCancelsFiveOfThemWithFewerStatementsThanOrders() {
        List<UUID> orders = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
        List<UUID> cancelled = orders.subList(0, CANCELLED);
        List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> batch = new ArrayList<>();
        orders.forEach(id -> batch.add(polled(Topics.ORDER_EVENTS, batch.size(), placed(id, "DE"))));
        orders.forEach(id -> batch.add(polled(Topics.PAYMENT_EVENTS, batch.size(), paid(id))));
        cancelled.forEach(id -> batch.add(polled(Topics.ORDER_EVENTS, batch.size(), cancelled(id))));

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        listener.handle(batch);
        long statements = statistics.getPrepareStatementCount();

        for (UUID id : orders) {
            assertThat(shipmentRows(id)).as("shipments of %s", id).hasSize(1);
            assertThat(shipmentStatus(id)).as("shipment of %s", id)
                    .isEqualTo(cancelled.contains(id) ? "CANCELLED" : "SCHEDULED");
        }
        // One by one, each of the 45 records would insert-if-absent, lock, read the items of and write back its
        // order's row: 150 statements and more. The batch locks the 20 rows in one query, loads their items in one
        // more, and writes rows, items and shipments in JDBC batches.
        assertThat(statements).as("JDBC statements Hibernate prepared for the batch").isLessThan(ORDERS);
    }
}
