package io.ordersaga.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction's outbox rows are written together just before it commits: in the order they were published, only
 * if it commits, and each transaction its own rows, also a REQUIRES_NEW one inside another.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class OutboxWriteIT {

    @Autowired EventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcTemplate jdbc;

    @Test
    void theRowsOfATransactionAreWrittenAtCommitInTheOrderTheyWerePublished() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        transaction.executeWithoutResult(tx -> {
            events.publish(cancelled(first));
            events.publish(completed(second));
            events.publish(completed(first));
            assertThat(rows(first, second)).as("nothing is written before the commit").isEmpty();
        });

        assertThat(rows(first, second)).containsExactly(
                first + " OrderCancelled", second + " OrderCompleted", first + " OrderCompleted");
    }

    @Test
    void aRolledBackTransactionWritesNothingAndAnInnerNewTransactionWritesItsOwnRows() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transaction.executeWithoutResult(tx -> {
            events.publish(completed(outer));
            requiresNew.executeWithoutResult(innerTx -> events.publish(completed(inner)));
            tx.setRollbackOnly();
        });

        assertThat(rows(outer, inner)).containsExactly(inner + " OrderCompleted");
    }

    @Test
    void givesEventsTimeOrderedIdsInTheOrderTheyWerePublished() {
        UUID order = UUID.randomUUID();
        transaction.executeWithoutResult(tx -> {
            events.publish(cancelled(order));
            events.publish(completed(order));
        });

        List<UUID> ids = jdbc.queryForList("SELECT event_id FROM messaging.outbox WHERE message_key = ? ORDER BY id",
                UUID.class, order.toString());
        assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ids.get(1)).isGreaterThan(ids.get(0));
    }

    private List<String> rows(UUID... orderIds) {
        return jdbc.queryForList("""
                SELECT message_key || ' ' || event_type FROM messaging.outbox
                WHERE message_key = ANY (?) ORDER BY id""", String.class,
                (Object) Arrays.stream(orderIds).map(UUID::toString).toArray(String[]::new));
    }

    private static OrderCompleted completed(UUID orderId) {
        return new OrderCompleted(orderId, "alice", new BigDecimal("10.00"), "EUR");
    }

    private static OrderCancelled cancelled(UUID orderId) {
        return new OrderCancelled(orderId, "alice", CancellationReason.PAYMENT_DECLINED);
    }
}
