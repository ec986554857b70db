package io.ordersaga.payment.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.PaymentRefunded;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.KafkaTestClient;
import io.ordersaga.payment.domain.Account;
import io.ordersaga.payment.domain.PaymentType;
import io.ordersaga.payment.domain.VersionConflictException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ledger under real concurrency on PostgreSQL: many threads handle events at the same instant, each through
 * the inbox exactly as a listener thread does, so they race for the same account version or the same order.
 */
class ConcurrentLedgerIT extends PaymentIntegrationTest {

    private static final int ORDERS = 20;
    private static final int DELIVERIES = 5;

    @Test
    void twentyConcurrentChargesOnAnAccountFundedForTenNeverOverdrawIt() throws Exception {
        String customer = customerWith("100.00");
        List<InventoryReserved> orders = IntStream.range(0, ORDERS)
                .mapToObj(i -> reserved(UUID.randomUUID(), customer, "10.00")).toList();

        runAtOnce(orders.stream().<Runnable>map(order -> () -> deliver(order, event ->
                payments.onInventoryReserved((InventoryReserved) event))).toList());

        Set<UUID> orderIds = orders.stream().map(InventoryReserved::orderId).collect(Collectors.toSet());
        orderIds.forEach(this::awaitSent);
        List<SagaEvent> outcomes = publishedFor(orderIds);
        assertThat(outcomes).hasSize(ORDERS);
        assertThat(outcomes).filteredOn(PaymentCompleted.class::isInstance).hasSize(10);
        assertThat(outcomes).filteredOn(PaymentFailed.class::isInstance).hasSize(10)
                .allSatisfy(failed -> assertThat(((PaymentFailed) failed).reason()).isEqualTo("INSUFFICIENT_FUNDS"));
        assertThat(outcomes).extracting(SagaEvent::orderId).containsExactlyInAnyOrderElementsOf(orderIds);

        Account account = payments.account(customer);
        assertThat(account.balance()).isEqualByComparingTo("0.00").isNotNegative();
        assertThat(account.balance()).isEqualByComparingTo(
                account.totalDeposited().subtract(account.totalCharged()).add(account.totalRefunded()));
        assertThat(account.totalCharged()).isEqualByComparingTo("100.00");
        assertThat(versions(customer)).containsExactlyElementsOf(IntStream.rangeClosed(1, 11).boxed().toList());
        assertThat(balanceInSql(customer)).isEqualByComparingTo(account.balance());
    }

    @Test
    void aCancellationRacingItsChargeNeverLeavesTheOrderCharged() throws Exception {
        String customer = customerWith("1000.00");
        List<UUID> orderIds = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        List<Runnable> work = new ArrayList<>();
        for (UUID orderId : orderIds) {
            work.add(() -> deliver(reserved(orderId, customer, "10.00"),
                    event -> payments.onInventoryReserved((InventoryReserved) event)));
            work.add(() -> deliver(new OrderCancelled(orderId, customer, CancellationReason.CUSTOMER_REQUESTED),
                    event -> payments.onOrderCancelled((OrderCancelled) event)));
        }

        runAtOnce(work);

        for (UUID orderId : orderIds) {
            List<PaymentType> ledger = payments.payments(orderId).stream().map(p -> p.type()).toList();
            assertThat(ledger).as("ledger of order %s", orderId)
                    .isIn(List.of(), List.of(PaymentType.CHARGE, PaymentType.REFUND));
            List<SagaEvent> events = settled(orderId);
            if (ledger.isEmpty()) {
                assertThat(events).singleElement().isInstanceOfSatisfying(PaymentFailed.class,
                        failed -> assertThat(failed.reason()).isEqualTo("ORDER_CANCELLED"));
            } else {
                assertThat(events).hasSize(2);
                assertThat(events.get(0)).isInstanceOf(PaymentCompleted.class);
                assertThat(events.get(1)).isInstanceOf(PaymentRefunded.class);
            }
        }
        Account account = payments.account(customer);
        assertThat(account.balance()).isEqualByComparingTo("1000.00");
        assertThat(account.totalCharged()).isEqualByComparingTo(account.totalRefunded());
    }

    /**
     * Handles {@code event} through the inbox like a listener thread. Should a lost race outlast the in-transaction
     * retries, the whole handling rolls back and is delivered again, as the listener's error handler would do.
     */
    private void deliver(SagaEvent event, Consumer<SagaEvent> handler) {
        EventEnvelope<SagaEvent> envelope = KafkaTestClient.envelope(event, "test");
        for (int delivery = 1; ; delivery++) {
            try {
                inbox.handle(envelope, handler);
                return;
            } catch (VersionConflictException e) {
                if (delivery == DELIVERIES) {
                    throw e;
                }
            }
        }
    }

    private static void runAtOnce(List<Runnable> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Runnable task : work) {
                done.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SagaEvent> publishedFor(Set<UUID> orderIds) {
        EnvelopeCodec codec = new EnvelopeCodec();
        return kafka.records(Topics.PAYMENT_EVENTS).stream()
                .filter(record -> record.key() != null && orderIds.contains(UUID.fromString(record.key())))
                .map(record -> codec.read(record.value().getBytes(StandardCharsets.UTF_8),
                        EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)).data())
                .toList();
    }

    private List<Integer> versions(String customer) {
        return jdbc.queryForList("SELECT version FROM account_event WHERE account_id = ? ORDER BY version",
                Integer.class, customer);
    }

    /** The invariant computed by the database from the raw rows, independently of the aggregate. */
    private BigDecimal balanceInSql(String customer) {
        return jdbc.queryForObject("""
                SELECT sum(CASE WHEN event_type = 'PaymentCharged' THEN -amount ELSE amount END)
                FROM account_event WHERE account_id = ?""", BigDecimal.class, customer);
    }
}
