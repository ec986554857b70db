package io.ordersaga.analytics.live;

import io.ordersaga.analytics.domain.BurstAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The latest saga events, high-value orders and burst alerts, newest first, bounded; and whoever wants to hear
 * about each one as it comes. Records are ordered by event time, since the backlog arrives partition by partition.
 */
@Component
public class LiveFeed {

    static final int MAX_EVENTS = 100;
    static final int MAX_HIGH_VALUE = 20;
    static final int MAX_BURSTS = 20;

    private final NavigableSet<FeedItem> events =
            new TreeSet<>(Comparator.comparing(FeedItem::at).thenComparing(FeedItem::eventId));
    private final NavigableSet<HighValueOrder> highValue =
            new TreeSet<>(Comparator.comparing(HighValueOrder::completedAt).thenComparing(HighValueOrder::orderId));
    /** One entry per customer and window: a later alert of the same window replaces the earlier one. */
    private final NavigableSet<BurstAlert> bursts = new TreeSet<>(Comparator.comparing(BurstAlert::windowStart)
            .thenComparing(BurstAlert::customerId));
    private final List<Consumer<LiveUpdate>> subscribers = new CopyOnWriteArrayList<>();

    /** The feed's contents, newest first. */
    public record Snapshot(List<FeedItem> events, List<HighValueOrder> highValue, List<BurstAlert> bursts) {
    }

    public void subscribe(Consumer<LiveUpdate> subscriber) {
        subscribers.add(subscriber);
    }

    void add(FeedItem item) {
        synchronized (this) {
            keepLatest(events, item, MAX_EVENTS);
        }
        publish(new LiveUpdate(LiveUpdate.EVENT, item));
    }

    void add(HighValueOrder order) {
        synchronized (this) {
            keepLatest(highValue, order, MAX_HIGH_VALUE);
        }
        publish(new LiveUpdate(LiveUpdate.HIGH_VALUE, order));
    }

    void add(BurstAlert alert) {
        synchronized (this) {
            bursts.stream().filter(known -> known.windowStart().equals(alert.windowStart())
                    && known.customerId().equals(alert.customerId())).findFirst().ifPresent(bursts::remove);
            keepLatest(bursts, alert, MAX_BURSTS);
        }
        publish(new LiveUpdate(LiveUpdate.BURST, alert));
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(events.descendingSet()), new ArrayList<>(highValue.descendingSet()),
                new ArrayList<>(bursts.descendingSet()));
    }

    private static <T> void keepLatest(NavigableSet<T> items, T item, int max) {
        items.add(item);
        while (items.size() > max) {
            items.pollFirst();
        }
    }

    private void publish(LiveUpdate update) {
        subscribers.forEach(subscriber -> subscriber.accept(update));
    }
}
