package io.ordersaga.analytics.streams;

import static io.ordersaga.analytics.streams.AnalyticsTopics.BY_CUSTOMER;
import static io.ordersaga.analytics.streams.AnalyticsTopics.BY_MILESTONE;
import static io.ordersaga.analytics.streams.AnalyticsTopics.BY_STEP;
import static io.ordersaga.analytics.streams.AnalyticsTopics.CUSTOMER_BURSTS;
import static io.ordersaga.analytics.streams.AnalyticsTopics.CUSTOMER_BURST_WINDOWS;
import static io.ordersaga.analytics.streams.AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS;
import static io.ordersaga.analytics.streams.AnalyticsTopics.HIGH_VALUE_ORDERS;
import static io.ordersaga.analytics.streams.AnalyticsTopics.MILESTONES_PER_MINUTE;
import static io.ordersaga.analytics.streams.AnalyticsTopics.MILESTONES_PER_SECOND;
import static io.ordersaga.analytics.streams.AnalyticsTopics.ORDERS_BY_STEP;
import static io.ordersaga.analytics.streams.AnalyticsTopics.ORDERS_PER_CUSTOMER;
import static io.ordersaga.analytics.streams.AnalyticsTopics.ORDER_JOURNEYS;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.BurstAlert;
import io.ordersaga.analytics.domain.Milestone;
import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.analytics.domain.RevenueTotal;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The analytics, as one Kafka Streams topology over the four saga topics (event time = the envelope's timestamp):
 *
 * <ul>
 *   <li>{@code order-journeys}: each order's timeline and saga step; the one place duplicates are dropped;</li>
 *   <li>{@code orders.high-value}: every OrderCompleted over the threshold (the lesson's {@code filter});</li>
 *   <li>per customer, repartitioned by customerId: orders placed (the lesson's {@code groupByKey().count()}),
 *       orders per burst window with an alert on {@code alerts.customer-bursts} when a window holds more than the
 *       threshold ({@code HAVING COUNT(*) > 10}), and revenue per tumbling revenue window;</li>
 *   <li>orders by saga step, kept exact by adding +1/−1 for every step change;</li>
 *   <li>placed, completed and cancelled-by-reason counts per second and per minute.</li>
 * </ul>
 *
 * <p>Stores are in memory and backed by changelog topics; every store and internal topic has a fixed name (see
 * {@link AnalyticsTopics}).
 */
public final class AnalyticsTopology {

    private final AnalyticsProperties properties;
    private final Serde<EventEnvelope<SagaEvent>> envelopes = AnalyticsSerdes.envelopes();

    public AnalyticsTopology(AnalyticsProperties properties) {
        this.properties = properties;
    }

    public void build(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ORDER_JOURNEYS),
                Serdes.String(), AnalyticsSerdes.json(OrderJourney.class)));
        KStream<String, JourneyUpdate> updates = builder
                .stream(Topics.SAGA_TOPICS, Consumed.with(Serdes.String(), envelopes)
                        .withTimestampExtractor(new EventTimeExtractor()).withName("saga-events"))
                .process(() -> new OrderJourneyProcessor(properties.journeys().retention()),
                        Named.as("order-journeys"), ORDER_JOURNEYS);

        highValueOrders(updates);
        perCustomer(updates);
        ordersByStep(updates);
        milestones(updates);
    }

    private void highValueOrders(KStream<String, JourneyUpdate> updates) {
        updates.filter((orderId, update) -> update.data() instanceof OrderCompleted completed
                        && completed.totalAmount().compareTo(properties.highValueThreshold()) > 0,
                        Named.as("high-value"))
                .mapValues(JourneyUpdate::event, Named.as("high-value-envelope"))
                .to(HIGH_VALUE_ORDERS, Produced.with(Serdes.String(), envelopes).withName("high-value-orders"));
    }

    private void perCustomer(KStream<String, JourneyUpdate> updates) {
        KStream<String, CustomerActivity> byCustomer = updates
                .flatMap((orderId, update) -> CustomerActivity.of(update.data())
                        .map(activity -> List.of(KeyValue.pair(activity.customerId(), activity)))
                        .orElse(List.of()), Named.as("customer-activity"))
                .repartition(Repartitioned.<String, CustomerActivity>as(BY_CUSTOMER)
                        .withKeySerde(Serdes.String()).withValueSerde(AnalyticsSerdes.json(CustomerActivity.class)));

        KGroupedStream<String, CustomerActivity> placed = byCustomer
                .filter((customerId, activity) -> activity.kind() == CustomerActivity.Kind.PLACED,
                        Named.as("placed-by-customer"))
                .groupByKey();
        placed.count(Named.as("count-orders-per-customer"),
                Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(ORDERS_PER_CUSTOMER))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        burstAlerts(placed);

        AnalyticsProperties.Revenue revenue = properties.revenue();
        byCustomer.filter((customerId, activity) -> activity.kind() == CustomerActivity.Kind.COMPLETED,
                        Named.as("completed-by-customer"))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(revenue.window(), revenue.grace()))
                .aggregate(() -> RevenueTotal.NONE, (customerId, activity, total) -> total.add(activity.amount()),
                        Named.as("sum-customer-revenue"),
                        windowStore(CUSTOMER_REVENUE_WINDOWS, revenue.retention(), revenue.window(),
                                AnalyticsSerdes.json(RevenueTotal.class)));
    }

    /** {@code GROUP BY customerId, TumblingWindow(burst window) HAVING COUNT(*) > threshold}, emitted as it grows. */
    private void burstAlerts(KGroupedStream<String, CustomerActivity> placed) {
        AnalyticsProperties.Bursts bursts = properties.bursts();
        placed.windowedBy(TimeWindows.ofSizeAndGrace(bursts.window(), bursts.grace()))
                .count(Named.as("count-customer-burst-windows"),
                        windowStore(CUSTOMER_BURST_WINDOWS, bursts.retention(), bursts.window(), Serdes.Long()))
                .toStream(Named.as("customer-burst-window-counts"))
                .filter((window, orders) -> orders != null && orders > bursts.threshold(), Named.as("over-threshold"))
                .map((window, orders) -> KeyValue.pair(window.key(), new BurstAlert(window.key(),
                        window.window().startTime(), window.window().endTime(), orders, bursts.threshold())),
                        Named.as("burst-alert"))
                .processValues(WithoutHeaders::new, Named.as("burst-alert-headers"))
                .to(CUSTOMER_BURSTS, Produced.with(Serdes.String(), AnalyticsSerdes.json(BurstAlert.class))
                        .withName("customer-bursts"));
    }

    /** A step change of an order is −1 for the step it left and +1 for the step it reached. */
    private void ordersByStep(KStream<String, JourneyUpdate> updates) {
        updates.filter((orderId, update) -> update.changedStep(), Named.as("step-changes"))
                .flatMap((orderId, update) -> {
                    List<KeyValue<String, Long>> deltas = new ArrayList<>(2);
                    if (update.before() != null) {
                        deltas.add(KeyValue.pair(update.before().name(), -1L));
                    }
                    deltas.add(KeyValue.pair(update.after().name(), 1L));
                    return deltas;
                }, Named.as("step-deltas"))
                .repartition(Repartitioned.<String, Long>as(BY_STEP)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .groupByKey()
                .reduce(Long::sum, Named.as("sum-orders-by-step"),
                        Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(ORDERS_BY_STEP))
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
    }

    private void milestones(KStream<String, JourneyUpdate> updates) {
        KGroupedStream<String, String> byMilestone = updates
                .flatMap((orderId, update) -> Milestone.of(update.data())
                        .map(milestone -> List.of(KeyValue.pair(milestone.key(), orderId)))
                        .orElse(List.of()), Named.as("milestones"))
                .repartition(Repartitioned.<String, String>as(BY_MILESTONE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .groupByKey();
        byMilestone.windowedBy(TimeWindows.ofSizeAndGrace(AnalyticsTopics.SECOND, AnalyticsTopics.PER_SECOND_GRACE))
                .count(Named.as("count-milestones-per-second"), windowStore(MILESTONES_PER_SECOND,
                        AnalyticsTopics.PER_SECOND_RETENTION, AnalyticsTopics.SECOND, Serdes.Long()));
        byMilestone.windowedBy(TimeWindows.ofSizeAndGrace(AnalyticsTopics.MINUTE, properties.outcomes().grace()))
                .count(Named.as("count-milestones-per-minute"), windowStore(MILESTONES_PER_MINUTE,
                        properties.outcomes().retention(), AnalyticsTopics.MINUTE, Serdes.Long()));
    }

    private static <V> Materialized<String, V, WindowStore<Bytes, byte[]>> windowStore(String name,
            Duration retention, Duration window, Serde<V> values) {
        return Materialized.<String, V>as(Stores.inMemoryWindowStore(name, retention, window, false))
                .withKeySerde(Serdes.String()).withValueSerde(values);
    }
}
