package io.ordersaga.order.view;

import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.order.IntegrationTestSupport;
import io.ordersaga.order.TransactionsOnThread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the read models cost the database: 1,000 events on order.events (which only the read models consume here),
 * sent at about 200 a second, and the transactions the read models' consumer threads began and the commits
 * PostgreSQL counted ({@code pg_stat_database.xact_commit}, the whole database, so the relay's and the sweeper's
 * are in it too) until the timeline and the views show them all. Printed, not asserted: a figure for the docs, so
 * it runs only when asked: {@code -Dordersaga.measure=true}.
 */
@EnabledIfSystemProperty(named = "ordersaga.measure", matches = "true")
class ReadModelCostIT extends IntegrationTestSupport {

    private static final int EVENTS = 1_000;
    private static final String SAGA_GROUP = "order-service";

    @Autowired TransactionsOnThread transactions;

    @Test
    void printsTheTransactionsAndCommitsOfTheReadModelsPerThousandEvents() throws Exception {
        List<UUID> orders = new ArrayList<>();
        List<UUID> events = new ArrayList<>();
        long readModelsBefore = readModelTransactions();
        long commitsBefore = commits();

        for (int i = 0; i < EVENTS; i++) {
            EventEnvelope<SagaEvent> envelope = Completions.completed(Instant.parse("1998-01-01T12:00:00Z"), "1.00");
            kafka.send(envelope);
            orders.add(envelope.data().orderId());
            events.add(envelope.eventId());
            Thread.sleep(5); // a steady rate, as a running saga sends them, rather than one burst
        }
        await().atMost(WAIT.multipliedBy(2)).until(() -> count("SELECT count(*) FROM timeline_event"
                + " WHERE event_id = ANY(?)", events) == EVENTS
                && count("SELECT count(*) FROM views.order_summary WHERE order_id = ANY(?)", orders) == EVENTS);

        System.out.printf("Read models, %d events: %d transactions on their consumer threads, %d commits in"
                + " order_service's database (per 1,000 events); by group now: %s%n", EVENTS,
                readModelTransactions() - readModelsBefore, commits() - commitsBefore, transactions.begunByGroup());
    }

    private long readModelTransactions() {
        return transactions.begunByGroup().entrySet().stream().filter(group -> !group.getKey().equals(SAGA_GROUP))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private long commits() {
        return jdbc.queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    private int count(String query, List<UUID> ids) {
        return jdbc.queryForObject(query, Integer.class, (Object) ids.toArray(UUID[]::new));
    }
}
