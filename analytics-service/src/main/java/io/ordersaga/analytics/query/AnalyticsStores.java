package io.ordersaga.analytics.query;

import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.analytics.domain.RevenueTotal;
import io.ordersaga.analytics.streams.AnalyticsTopics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The topology's stores, read-only, as this instance holds them. One instance holds every partition; a second
 * instance would need request routing by key (Kafka Streams' {@code application.server} metadata), which this
 * service does not do.
 */
@Component
public class AnalyticsStores {

    private final StreamsBuilderFactoryBean streams;

    public AnalyticsStores(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    public ReadOnlyKeyValueStore<String, OrderJourney> journeys() {
        return store(AnalyticsTopics.ORDER_JOURNEYS, QueryableStoreTypes.keyValueStore());
    }

    public ReadOnlyKeyValueStore<String, Long> ordersByStep() {
        return store(AnalyticsTopics.ORDERS_BY_STEP, QueryableStoreTypes.keyValueStore());
    }

    public ReadOnlyKeyValueStore<String, Long> ordersPerCustomer() {
        return store(AnalyticsTopics.ORDERS_PER_CUSTOMER, QueryableStoreTypes.keyValueStore());
    }

    public ReadOnlyWindowStore<String, Long> customerBurstWindows() {
        return store(AnalyticsTopics.CUSTOMER_BURST_WINDOWS, QueryableStoreTypes.windowStore());
    }

    public ReadOnlyWindowStore<String, RevenueTotal> customerRevenueWindows() {
        return store(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, QueryableStoreTypes.windowStore());
    }

    public ReadOnlyWindowStore<String, Long> milestonesPerSecond() {
        return store(AnalyticsTopics.MILESTONES_PER_SECOND, QueryableStoreTypes.windowStore());
    }

    public ReadOnlyWindowStore<String, Long> milestonesPerMinute() {
        return store(AnalyticsTopics.MILESTONES_PER_MINUTE, QueryableStoreTypes.windowStore());
    }

    private <T> T store(String name, QueryableStoreType<T> type) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw new AnalyticsUnavailableException("Kafka Streams has not started yet", null);
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new AnalyticsUnavailableException("The analytics stores cannot be queried while Kafka Streams is "
                    + kafkaStreams.state(), e);
        }
    }
}
