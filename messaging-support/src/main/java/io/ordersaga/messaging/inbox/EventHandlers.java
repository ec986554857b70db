package io.ordersaga.messaging.inbox;

import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a listener does with each event type of its topic, declared once:
 * {@code EventHandlers.on(OrderPlaced.class, reservations::reserve).on(OrderCancelled.class, reservations::release)}.
 * Given to {@link Inbox#handleBatch(java.util.List, EventHandlers)}, it also says which events the
 * listener ignores: those skip the inbox and its transaction altogether (a topic carries every event of its
 * service, and most listeners care about one or two of them, so this saves a commit per ignored record). An
 * {@link InboxListener} also has its consumer skip them before they are parsed ({@link #eventTypes}).
 */
public final class EventHandlers {

    private static final Consumer<List<SagaEvent>> NOTHING = events -> { };

    private final Map<Class<? extends SagaEvent>, Consumer<SagaEvent>> handlers;
    private final Consumer<List<SagaEvent>> beforeBatch;

    private EventHandlers(Map<Class<? extends SagaEvent>, Consumer<SagaEvent>> handlers,
                          Consumer<List<SagaEvent>> beforeBatch) {
        this.handlers = handlers;
        this.beforeBatch = beforeBatch;
    }

    /** Starts a declaration with the handler of {@code type}. */
    public static <E extends SagaEvent> EventHandlers on(Class<E> type, Consumer<? super E> handler) {
        return new EventHandlers(new LinkedHashMap<>(), NOTHING).and(type, handler);
    }

    /** Adds the handler of {@code type}; event types are final records, so the exact class decides. */
    public <E extends SagaEvent> EventHandlers and(Class<E> type, Consumer<? super E> handler) {
        Map<Class<? extends SagaEvent>, Consumer<SagaEvent>> copy = new LinkedHashMap<>(handlers);
        copy.put(type, event -> handler.accept(type.cast(event)));
        return new EventHandlers(copy, beforeBatch);
    }

    /**
     * Runs {@code prepare} in a batch's transaction before any of its handlers, with the batch's new events (in
     * {@link Inbox#handleBatch}; a single record does without). For locks that several orders share: a batch holds
     * its locks until it commits, so it must take the shared ones up front and in one global order, or two batches
     * could each hold what the other waits for.
     */
    public EventHandlers beforeBatch(Consumer<List<SagaEvent>> prepare) {
        return new EventHandlers(handlers, prepare);
    }

    void prepare(List<SagaEvent> events) {
        beforeBatch.accept(events);
    }

    /** Whether {@code event} has a handler here. */
    public boolean handles(SagaEvent event) {
        return handlers.containsKey(event.getClass());
    }

    /** The ids of the event types handled here, as the {@code eventType} header names them. */
    public List<String> eventTypes() {
        return handlers.keySet().stream().map(type -> EventType.of(type).id()).toList();
    }

    void dispatch(SagaEvent event) {
        Consumer<SagaEvent> handler = handlers.get(event.getClass());
        if (handler != null) {
            handler.accept(event);
        }
    }
}
