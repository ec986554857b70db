package io.ordersaga.events;

import java.util.List;

/** Topic names (DESIGN section 3). One topic per producing service; dead letters belong to the consumer. */
public final class Topics {

    public static final String ORDER_EVENTS = "order.events";
    public static final String INVENTORY_EVENTS = "inventory.events";
    public static final String PAYMENT_EVENTS = "payment.events";
    public static final String SHIPPING_EVENTS = "shipping.events";
    public static final String SYSTEM_EVENTS = "system.events";

    /** Request/reply: order-service asks inventory for prices and availability ({@link QuoteRequest}). */
    public static final String QUOTE_REQUESTS = "inventory.quote-requests";
    /** Request/reply: inventory's answers ({@link Quote}), matched to requests by the correlation id header. */
    public static final String QUOTE_REPLIES = "inventory.quote-replies";

    /** The four saga topics, in the order the saga first touches them. */
    public static final List<String> SAGA_TOPICS = List.of(ORDER_EVENTS, INVENTORY_EVENTS, PAYMENT_EVENTS, SHIPPING_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic of one consumer group for one source topic: {@code <topic>.<group>.dlt}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }
}
