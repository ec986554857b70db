package io.ordersaga.analytics.query;

import io.ordersaga.analytics.domain.OrderJourney;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An order's timeline, built from the events this service consumes (kept while it is in flight and a while after). */
@Component
public class JourneyQuery {

    private final AnalyticsStores stores;

    public JourneyQuery(AnalyticsStores stores) {
        this.stores = stores;
    }

    public Optional<OrderJourney> journey(UUID orderId) {
        return Optional.ofNullable(stores.journeys().get(orderId.toString()));
    }
}
