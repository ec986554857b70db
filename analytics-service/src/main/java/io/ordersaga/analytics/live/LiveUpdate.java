package io.ordersaga.analytics.live;

/**
 * Something new for the dashboard, named as its server-sent event: {@code event} ({@link FeedItem}),
 * {@code high-value} ({@link HighValueOrder}) or {@code burst} ({@link io.ordersaga.analytics.domain.BurstAlert}).
 */
public record LiveUpdate(String kind, Object data) {

    public static final String EVENT = "event";
    public static final String HIGH_VALUE = "high-value";
    public static final String BURST = "burst";
}
